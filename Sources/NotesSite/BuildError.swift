import NotesDiagnostics

/// A problem that stops a build: in the content, the templates or the output folder.
package struct BuildError: Error, Hashable, StageError {
    package let location: SourceLocation?
    package let message: String
    package let help: String?
    package let reasons: [String]

    init(at location: SourceLocation?, _ message: String, help: String? = nil, reasons: [String] = []) {
        self.location = location
        self.message = message
        self.help = help
        self.reasons = reasons
    }
}
