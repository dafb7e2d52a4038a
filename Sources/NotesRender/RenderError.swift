import NotesDiagnostics

/// A problem with the site's templates.
public struct RenderError: Error, Hashable, Sendable, DiagnosticConvertible, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String
    public let help: String?

    init(at location: SourceLocation, _ message: String, help: String? = nil) {
        self.location = location
        self.message = message
        self.help = help
    }

    public var diagnostics: [Diagnostic] { [Diagnostic(at: location, message, help: help)] }
    public var description: String { diagnostics[0].description }
}
