/// The one shape of every stage's error (`MarkdownError`, `BuildError`, `TransportError`,
/// `RunError`): where, one sentence on what is wrong, one line on how to fix it, and the
/// underlying reasons. A stage's error is a struct (with a `Code` of static members where callers
/// need to tell kinds apart), so new kinds never break callers.
package protocol StageError: DiagnosticConvertible, CustomStringConvertible, Sendable {
    /// Where the problem is, when it has a place in a file.
    var location: SourceLocation? { get }
    /// One sentence saying what is wrong.
    var message: String { get }
    /// One line saying how to fix it.
    var help: String? { get }
    /// Underlying errors, outermost first.
    var reasons: [String] { get }
}

extension StageError {
    /// The error as one finding, printed like every other.
    package var diagnostics: [Diagnostic] { [Diagnostic(at: location, message, help: help, reasons: reasons)] }

    /// The compiler-style text of the finding.
    package var description: String { diagnostics[0].description }
}
