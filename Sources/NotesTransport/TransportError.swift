import NotesDiagnostics

/// A problem starting, running or saving a transport session.
///
/// A struct around a private code, so that new cases do not break callers.
public struct TransportError: Error, Sendable, Hashable, DiagnosticConvertible, CustomStringConvertible {
    /// Which kind of problem; compare with the static members (`error.code == .cassetteMissing`).
    public struct Code: Hashable, Sendable {
        private enum Value: Hashable, Sendable {
            case cassetteMissing, cassetteUnreadable, invalidCassette, unsupportedFormat
            case keyMissing, keyInCassette, writeFailed, serverFailed, invalidEngine, alreadyStopped
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// Replay was asked for a cassette that does not exist.
        public static let cassetteMissing = Code(.cassetteMissing)
        /// The cassette file could not be read.
        public static let cassetteUnreadable = Code(.cassetteUnreadable)
        /// The cassette is not JSON or not in the cassette's shape.
        public static let invalidCassette = Code(.invalidCassette)
        /// The cassette was written by a newer format.
        public static let unsupportedFormat = Code(.unsupportedFormat)
        /// Record or live mode has no key for the engine.
        public static let keyMissing = Code(.keyMissing)
        /// The engine key would have been written to disk; nothing was written.
        public static let keyInCassette = Code(.keyInCassette)
        /// Writing the cassette failed; the previous one is intact.
        public static let writeFailed = Code(.writeFailed)
        /// The loopback server could not start.
        public static let serverFailed = Code(.serverFailed)
        /// The engine URL is not an http(s) URL.
        public static let invalidEngine = Code(.invalidEngine)
        /// `stop()` was called twice.
        public static let alreadyStopped = Code(.alreadyStopped)
    }

    /// Which kind of problem.
    public let code: Code
    /// The file concerned, when there is one (a cassette).
    public let location: SourceLocation?
    /// One sentence on what is wrong.
    public let message: String
    /// One line on how to fix it.
    public let help: String?
    /// Underlying errors.
    public let reasons: [String]

    /// Creates an error; `message` is one sentence, `help` one line on how to fix it.
    public init(_ code: Code, at location: SourceLocation? = nil, _ message: String, help: String? = nil, reasons: [String] = []) {
        self.code = code
        self.location = location
        self.message = message
        self.help = help
        self.reasons = reasons
    }

    public var diagnostics: [Diagnostic] {
        [Diagnostic(at: location, message, help: help, reasons: reasons)]
    }

    public var description: String { diagnostics[0].description }
}
