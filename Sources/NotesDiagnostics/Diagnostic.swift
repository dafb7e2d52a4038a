/// One finding to show an author: where, what, how to fix it, and the underlying reasons.
///
/// Printed as
/// ```
/// content/03-x/note.md:12:3: error: unknown listing attribute `capton`
///   help: use one of: caption, file, run, tools
///   Reason: ...
/// ```
package struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Error {
    /// How serious a finding is; errors make the command exit 1.
    package enum Severity: String, Sendable, Hashable {
        case error, warning, note
    }

    package var severity: Severity
    /// Where the problem is, when it has a place in a file.
    package var location: SourceLocation?
    /// One sentence saying what is wrong.
    package var message: String
    /// One line saying how to fix it.
    package var help: String?
    /// Underlying errors, outermost first.
    package var reasons: [String]

    /// Creates a finding.
    package init(
        _ severity: Severity = .error,
        at location: SourceLocation?,
        _ message: String,
        help: String? = nil,
        reasons: [String] = []
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.help = help
        self.reasons = reasons
    }

    /// The compiler-style text, without colours; several lines when there is help or a reason.
    package var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(message)"
        if let help { text += "\n  help: \(help)" }
        for reason in reasons { text += "\n  Reason: \(reason)" }
        return text
    }
}

/// An error that knows how to describe itself to an author as one or more diagnostics.
///
/// Every stage's error type (`MarkdownError`, `BuildError`, `TransportError`, `RunError`) conforms,
/// so the command line prints all of them the same way.
package protocol DiagnosticConvertible: Error {
    /// The findings this error stands for, in source order.
    var diagnostics: [Diagnostic] { get }
}

extension Diagnostic: DiagnosticConvertible {
    package var diagnostics: [Diagnostic] { [self] }
}

/// Several findings gathered from independent work (every note of a site, every listing of a run).
package struct DiagnosticList: Error, Sendable, DiagnosticConvertible, CustomStringConvertible {
    package var diagnostics: [Diagnostic]

    /// Wraps findings, sorted by place so that output does not depend on which task finished first.
    package init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { lhs, rhs in
            switch (lhs.location, rhs.location) {
            case (let l?, let r?): l < r
            case (nil, _?): false
            case (_?, nil): true
            case (nil, nil): lhs.message < rhs.message
            }
        }
    }

    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Error {
    /// This error as diagnostics: its own when it describes itself, else one with its text.
    package var asDiagnostics: [Diagnostic] {
        if let convertible = self as? any DiagnosticConvertible { return convertible.diagnostics }
        return [Diagnostic(at: nil, String(describing: self))]
    }
}
