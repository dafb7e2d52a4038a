import NotesDiagnostics

/// A problem in a note's source: its front matter, its Markdown or a fence's info string.
///
/// A struct around a private code, so that new cases do not break callers that switch on nothing.
public struct MarkdownError: Error, Hashable, Sendable, DiagnosticConvertible, CustomStringConvertible {
    /// Which kind of problem; compare with the static members (`error.code == .missingFrontMatter`).
    public struct Code: Hashable, Sendable {
        private enum Value: Hashable, Sendable {
            case missingFrontMatter, unclosedFrontMatter, invalidYAML, missingField, invalidField, unknownField
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        public static let missingFrontMatter = Code(.missingFrontMatter)
        public static let unclosedFrontMatter = Code(.unclosedFrontMatter)
        public static let invalidYAML = Code(.invalidYAML)
        public static let missingField = Code(.missingField)
        public static let invalidField = Code(.invalidField)
        public static let unknownField = Code(.unknownField)
    }

    public let code: Code
    public let location: SourceLocation
    public let message: String
    public let help: String?
    public let reasons: [String]

    init(_ code: Code, at location: SourceLocation, _ message: String, help: String? = nil, reasons: [String] = []) {
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
