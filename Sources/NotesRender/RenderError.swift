import NotesDiagnostics

/// A problem with the site's templates.
package struct RenderError: Error, Hashable, Sendable, DiagnosticConvertible, CustomStringConvertible {
    package let location: SourceLocation
    package let message: String
    package let help: String?

    init(at location: SourceLocation, _ message: String, help: String? = nil) {
        self.location = location
        self.message = message
        self.help = help
    }

    package var diagnostics: [Diagnostic] { [Diagnostic(at: location, message, help: help)] }
    package var description: String { diagnostics[0].description }
}
