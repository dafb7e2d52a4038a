import NotesDiagnostics

/// A problem in a note's source: its front matter, its Markdown or a fence's info string.
///
/// A struct around a private code, so that new cases do not break callers that switch on nothing.
package struct MarkdownError: Error, Hashable, StageError {
    /// Which kind of problem; compare with the static members (`error.code == .missingFrontMatter`).
    package struct Code: Hashable, Sendable {
        private enum Value: Hashable, Sendable {
            case missingFrontMatter, unclosedFrontMatter, invalidYAML, missingField, invalidField, unknownField, tooDeeplyNested,
                invalidText
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        package static let missingFrontMatter = Code(.missingFrontMatter)
        package static let unclosedFrontMatter = Code(.unclosedFrontMatter)
        package static let invalidYAML = Code(.invalidYAML)
        package static let missingField = Code(.missingField)
        package static let invalidField = Code(.invalidField)
        package static let unknownField = Code(.unknownField)
        /// The Markdown nests deeper than ``MarkdownParser/maximumDepth``.
        package static let tooDeeplyNested = Code(.tooDeeplyNested)
        /// The file is not UTF-8 text.
        package static let invalidText = Code(.invalidText)
    }

    package let code: Code
    package let location: SourceLocation?
    package let message: String
    package let help: String?
    package let reasons: [String]

    init(_ code: Code, at location: SourceLocation, _ message: String, help: String? = nil, reasons: [String] = []) {
        self.code = code
        self.location = location
        self.message = message
        self.help = help
        self.reasons = reasons
    }
}
