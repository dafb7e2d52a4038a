import Foundation
import NotesDiagnostics
import NotesRecords
import NotesRender

extension RunFigure {
    /// The drawing of a `from=FILE` figure: the run's lanes, or the tool calls of one step.
    /// - Parameter remedy: the command that makes the run, as the author can type it.
    func diagram(transcript: Transcript?, remedy: String) throws(Diagnostic) -> Diagram {
        guard let transcript else {
            throw Diagnostic(
                .warning, at: location, "the figure is drawn from the run of \(file), which has no stored transcript",
                help: "run `\(remedy)` to make it; until then the figure shows a note instead")
        }
        guard let step = self.step else {
            guard let timeline = RunTimeline(transcript) else {
                throw Diagnostic(.warning, at: location, "the run of \(file) made no model calls to draw")
            }
            return .timeline(timeline)
        }
        guard let recorded = transcript.steps.first(where: { $0.number == step }) else {
            throw Diagnostic(
                .warning, at: location, "the run of \(file) has no step \(step)",
                help: "it has steps 1 to \(transcript.steps.count)")
        }
        let calls = recorded.blocks.filter { $0.type == "tool_use" }.map { block in
            TurnDiagram.Call(name: block.name ?? "tool", detail: Self.inputSummary(block.input ?? "{}"))
        }
        guard !calls.isEmpty else {
            throw Diagnostic(.warning, at: location, "step \(step) of the run of \(file) called no tools")
        }
        let next = transcript.steps.first { $0.number == step + 1 }
        let nextLabel = next.map { $0.isFinal ? "Final turn (step \($0.number))" : "Next turn (step \($0.number))" } ?? "Next turn"
        return .turn(TurnDiagram(turnLabel: "Model turn (step \(step))", calls: calls, nextLabel: nextLabel))
    }

    /// `email: james@abc.com` from `{"email":"james@abc.com"}`: scalar fields, shortened.
    static func inputSummary(_ input: String) -> String {
        guard let json = try? JSONSerialization.jsonObject(with: Data(input.utf8)) as? [String: Any] else { return input }
        let parts = json.keys.sorted().map { key -> String in
            let value = json[key]!
            if let text = value as? String { return "\(key): \(text)" }
            if let number = value as? NSNumber { return "\(key): \(number)" }
            return "\(key): …"
        }
        let summary = parts.joined(separator: ", ")
        return summary.count > 48 ? String(summary.prefix(47)) + "…" : summary
    }
}
