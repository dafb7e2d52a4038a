import NotesDiagnostics

/// A problem that stops a build: in the content, the templates or the output folder.
package struct BuildError: Error, Hashable, Sendable, DiagnosticConvertible, CustomStringConvertible {
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

    package var diagnostics: [Diagnostic] { [Diagnostic(at: location, message, help: help, reasons: reasons)] }
    package var description: String { diagnostics[0].description }
}
