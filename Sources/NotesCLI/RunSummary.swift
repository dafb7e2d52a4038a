import Foundation
import NotesDiagnostics
import NotesRecords
import NotesRunner

/// The table printed after a batch of runs, then the problems of the listings that failed.
struct RunSummary {
    var outcomes: [RunOutcome]
    var mode: String

    func print(quiet: Bool, printer: DiagnosticPrinter) {
        if !quiet {
            var rows = [["listing", "mode", "steps", "model calls", "tool calls", "duration", "result"]]
            for outcome in outcomes {
                switch outcome.result {
                case .success(let run):
                    let transcript = run.transcript
                    let tools = transcript.steps.reduce(0) { $0 + $1.blocks.filter { $0.type == "tool_use" }.count }
                    rows.append([
                        outcome.listing.name, transcript.mode + (transcript.pace == "fast" ? " (fast)" : ""),
                        "\(transcript.steps.count)", "\(transcript.modelCalls.count)", "\(tools)",
                        RunReporters.seconds(Double(transcript.durationMS) / 1000),
                        transcript.exit.summary + (run.setAside == nil ? "" : ", not stored"),
                    ])
                case .failure(let error):
                    rows.append([
                        outcome.listing.name, mode, "-", "-", "-", RunReporters.seconds(outcome.seconds),
                        error.code == .interrupted ? "interrupted" : "failed",
                    ])
                }
            }
            say("")
            say(Self.table(rows))
        }
        for outcome in outcomes {
            switch outcome.result {
            case .success(let run):
                for warning in run.warnings { printer.print(Diagnostic(.warning, at: outcome.listing.location, warning)) }
                if !run.transcript.exit.isSuccess {
                    let stderr = run.transcript.output.lines.filter { $0.stream == "stderr" }.suffix(5).map(\.text)
                    printer.print(
                        Diagnostic(
                            at: outcome.listing.location, "\(outcome.listing.name) ended with \(run.transcript.exit.summary)",
                            help: "its transcript records the failure; the page will show it", reasons: stderr))
                }
            case .failure(let error):
                if error.code != .interrupted { printer.print(error.diagnostics) }
            }
        }
        let failed = outcomes.filter { !$0.succeeded }.map(\.listing.name)
        if !failed.isEmpty {
            FileHandle.standardError.write(
                Data("\(failed.count) of \(outcomes.count) listings failed: \(failed.joined(separator: ", "))\n".utf8))
        }
    }

    /// Left-aligned columns separated by two spaces, with a rule under the header.
    static func table(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(rows[0]), rule] + rows.dropFirst().map(line)).joined(separator: "\n")
    }
}
