import Foundation
import NotesRecords
import NotesRunner

/// A live board on a terminal: one line per running listing with a spinner, the time so far and
/// what it is doing; finished listings scroll up as permanent lines.
actor StatusBoard: RunReporter {
    private struct Row {
        var name: String
        var started = ContinuousClock.now
        var status = "waiting"
        var modelCalls = 0
    }

    private var rows: [String: Row] = [:]
    private var order: [String] = []
    private var drawn = 0
    private var frame = 0
    private var ticker: Task<Void, Never>?
    private static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    func begin(_ listings: [RunnableListing]) async {
        ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                await self?.redraw()
            }
        }
    }

    func update(_ listing: RunnableListing, _ event: RunProgress) async {
        if case .output = event { return }  // the board shows status, not output
        if rows[listing.name] == nil {
            rows[listing.name] = Row(name: listing.name)
            order.append(listing.name)
        }
        switch event {
        case .preparing(let message): rows[listing.name]?.status = message
        case .running: rows[listing.name]?.status = "starting"
        case .modelCall:
            rows[listing.name]?.modelCalls += 1
            rows[listing.name]?.status = "model call \(rows[listing.name]!.modelCalls)"
        case .finished: rows[listing.name]?.status = "finishing"
        case .output: break
        }
        redraw()
    }

    func finish(_ outcome: RunOutcome) async {
        rows[outcome.listing.name] = nil
        order.removeAll { $0 == outcome.listing.name }
        erase()
        write(
            "\(outcome.succeeded ? "\u{1B}[32m✔\u{1B}[0m" : "\u{1B}[31m✘\u{1B}[0m") \(outcome.listing.name)  "
                + "\(RunReporters.line(outcome))\n"
        )
        redraw()
    }

    func end() async {
        ticker?.cancel()
        erase()
    }

    private func redraw() {
        erase()
        frame += 1
        var text = ""
        for name in order {
            guard let row = rows[name] else { continue }
            let elapsed = ContinuousClock.now - row.started
            let seconds = elapsed.seconds
            text += "\(Self.spinner[frame % Self.spinner.count]) \(row.name)  \(RunReporters.seconds(seconds))  \(row.status)\n"
        }
        drawn = order.count
        write(text)
    }

    /// Moves back over the board and clears it.
    private func erase() {
        guard drawn > 0 else { return }
        write("\u{1B}[\(drawn)A\u{1B}[J")
        drawn = 0
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
