import Foundation
import NotesDiagnostics

/// Prints findings to standard error, compiler-style, in colour when it is a terminal.
struct DiagnosticPrinter {
    private let useColor: Bool

    init() {
        let environment = ProcessInfo.processInfo.environment
        useColor = isatty(STDERR_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { print(diagnostic) }
    }

    func print(_ diagnostic: Diagnostic) {
        var text = diagnostic.description
        if useColor {
            let color = diagnostic.severity == .error ? "\u{1B}[1;31m" : diagnostic.severity == .warning ? "\u{1B}[1;33m" : "\u{1B}[1;36m"
            let label = "\(diagnostic.severity.rawValue):"
            if let range = text.range(of: label) {
                text.replaceSubrange(range, with: "\(color)\(label)\u{1B}[0m")
            }
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Writes a line to standard output.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
