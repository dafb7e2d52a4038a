import NotesDiagnostics

/// A problem starting, running or saving a transport session.
///
/// A struct around a private code, so that new cases do not break callers.
package struct TransportError: Error, Hashable, StageError {
    /// Which kind of problem; compare with the static members (`error.code == .cassetteMissing`).
    package struct Code: Hashable, Sendable {
        private enum Value: Hashable, Sendable {
            case cassetteMissing, cassetteUnreadable, invalidCassette, unsupportedFormat
            case keyMissing, keyInCassette, writeFailed, serverFailed, invalidEngine, alreadyStopped, engineUnreachable
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// Replay was asked for a cassette that does not exist.
        package static let cassetteMissing = Code(.cassetteMissing)
        /// The cassette file could not be read.
        package static let cassetteUnreadable = Code(.cassetteUnreadable)
        /// The cassette is not JSON or not in the cassette's shape.
        package static let invalidCassette = Code(.invalidCassette)
        /// The cassette was written by a newer format.
        package static let unsupportedFormat = Code(.unsupportedFormat)
        /// Record or live mode has no key for the engine.
        package static let keyMissing = Code(.keyMissing)
        /// The engine key would have been written to disk; nothing was written.
        package static let keyInCassette = Code(.keyInCassette)
        /// Writing the cassette failed; the previous one is intact.
        package static let writeFailed = Code(.writeFailed)
        /// The loopback server could not start.
        package static let serverFailed = Code(.serverFailed)
        /// The engine URL is not an http(s) URL.
        package static let invalidEngine = Code(.invalidEngine)
        /// Record or live mode cannot reach any engine (libcurl is missing).
        package static let engineUnreachable = Code(.engineUnreachable)
        /// `stop()` was called twice.
        package static let alreadyStopped = Code(.alreadyStopped)
    }

    /// Which kind of problem.
    package let code: Code
    /// The file concerned, when there is one (a cassette).
    package let location: SourceLocation?
    /// One sentence on what is wrong.
    package let message: String
    /// One line on how to fix it.
    package let help: String?
    /// Underlying errors.
    package let reasons: [String]

    /// Creates an error; `message` is one sentence, `help` one line on how to fix it.
    package init(_ code: Code, at location: SourceLocation? = nil, _ message: String, help: String? = nil, reasons: [String] = []) {
        self.code = code
        self.location = location
        self.message = message
        self.help = help
        self.reasons = reasons
    }
}
