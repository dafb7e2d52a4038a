import NotesDiagnostics

/// A problem that stops a build: in the content, the templates or the output folder.
public struct BuildError: Error, Hashable, Sendable, DiagnosticConvertible, CustomStringConvertible {
    public let location: SourceLocation?
    public let message: String
    public let help: String?
    public let reasons: [String]

    init(at location: SourceLocation?, _ message: String, help: String? = nil, reasons: [String] = []) {
        self.location = location
        self.message = message
        self.help = help
        self.reasons = reasons
    }

    public var diagnostics: [Diagnostic] { [Diagnostic(at: location, message, help: help, reasons: reasons)] }
    public var description: String { diagnostics[0].description }
}
