import Foundation
import NotesRecords
import NotesRunner

enum RunReporters {
    /// A board when standard output is a terminal and `CI` is not set; plain lines otherwise.
    static func make(quiet: Bool) -> any RunReporter {
        if quiet { return QuietRunLog() }
        let environment = ProcessInfo.processInfo.environment
        if environment["CI"] == nil, isatty(STDOUT_FILENO) == 1, environment["TERM"] != "dumb" { return StatusBoard() }
        return PlainRunLog()
    }

    /// "exit 0 in 5.2s · 4 steps, 4 model calls, 4 tool calls", or the error's message.
    ///
    /// The duration is the listing's own run time, as the transcript, the summary table and the page
    /// show it (not the batch's wall time, which also counts the environment and transport set-up).
    static func line(_ outcome: RunOutcome) -> String {
        switch outcome.result {
        case .success(let run):
            let transcript = run.transcript
            let tools = transcript.steps.reduce(0) { $0 + $1.blocks.filter { $0.type == "tool_use" }.count }
            return "\(transcript.exit.summary) in \(seconds(Double(transcript.durationMS) / 1000)) · \(transcript.steps.count) steps, "
                + "\(transcript.modelCalls.count) model calls, \(tools) tool calls"
        case .failure(let error):
            return error.message
        }
    }

    static func seconds(_ value: Double) -> String { String(format: "%.1fs", value) }
}

/// Prints one line per event: for CI logs and pipes.
struct PlainRunLog: RunReporter {
    func begin(_ listings: [RunnableListing]) async {}

    func update(_ listing: RunnableListing, _ event: RunProgress) async {
        switch event {
        case .preparing(let message) where message != "starting": say("  \(listing.name): \(message)")
        case .running: say("▶ \(listing.name): running")
        default: break
        }
    }

    func finish(_ outcome: RunOutcome) async {
        say("\(outcome.succeeded ? "✔" : "✘") \(outcome.listing.name): \(RunReporters.line(outcome))")
    }

    func end() async {}
}

/// Prints nothing while running; the summary still reports failures.
struct QuietRunLog: RunReporter {
    func begin(_ listings: [RunnableListing]) async {}
    func update(_ listing: RunnableListing, _ event: RunProgress) async {}
    func finish(_ outcome: RunOutcome) async {}
    func end() async {}
}
