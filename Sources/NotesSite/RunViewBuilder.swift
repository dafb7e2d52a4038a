import Foundation
import NotesDiagnostics
import NotesRender
import NotesRunner

/// Turns a stored transcript into what the page shows: the run panel and its timing lanes.
enum RunViewBuilder {
    static func view(_ transcript: Transcript) -> RunView {
        let steps = transcript.steps.map { step in
            RunView.Step(label: step.isFinal ? "Final" : "Step \(step.number)", items: step.blocks.flatMap(items))
        }
        let toolCalls = transcript.steps.reduce(0) { $0 + $1.blocks.filter { $0.type == "tool_use" }.count }
        return RunView(
            command: transcript.command, seconds: Double(transcript.durationMS) / 1000,
            exitSummary: transcript.exit.summary, succeeded: transcript.exit.isSuccess,
            output: transcript.output.lines.map { .init(text: $0.text, isError: $0.stream != "stdout") },
            provenance: provenance(transcript), steps: steps, modelCalls: transcript.modelCalls.count, toolCalls: toolCalls,
            timeline: timeline(transcript))
    }

    private static func items(_ block: Transcript.Block) -> [RunView.Step.Item] {
        switch block.type {
        case "thinking": return (block.text ?? "").isEmpty ? [] : [.thought(block.text!.trimmingCharacters(in: .whitespacesAndNewlines))]
        case "redacted_thinking": return [.redactedThought]
        case "text": return (block.text ?? "").isEmpty ? [] : [.says(block.text!.trimmingCharacters(in: .whitespacesAndNewlines))]
        case "tool_use":
            var items: [RunView.Step.Item] = [.action(name: block.name ?? "tool", input: block.input ?? "{}")]
            if let result = block.result { items.append(.observation(result.text, isError: result.isError)) }
            return items
        default: return []
        }
    }

    /// "Recorded on 21 May 2026 against claude-sonnet-4-6; replayed at recorded pace."
    static func provenance(_ transcript: Transcript) -> String {
        let model = transcript.modelCalls.first?.model ?? ""
        let against = model.isEmpty ? "" : " against \(model)"
        guard let cassette = transcript.cassette else {
            return transcript.mode == "live" ? "Run live\(against); nothing was recorded." : "Ran without a recording."
        }
        let day = displayDay(cassette.recordedAt)
        let origin = cassette.provenance == "reconstructed"
            ? "Reconstructed from the published transcript of a run on \(day)\(against)"
            : "Recorded on \(day)\(against)"
        switch transcript.mode {
        case "record": return origin + "."
        default: return origin + (transcript.pace == "fast" ? "; replayed at full speed." : "; replayed at recorded pace.")
        }
    }

    /// "21 May 2026" from an RFC 3339 time.
    static func displayDay(_ rfc3339: String) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let parts = rfc3339.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return rfc3339 }
        return "\(parts[2]) \(months[parts[1] - 1]) \(parts[0])"
    }

    /// The drawing of a `from=FILE` figure: the run's lanes, or the tool calls of one step.
    static func diagram(_ figure: FigureFromRun, transcript: Transcript?) throws(Diagnostic) -> Diagram {
        guard let transcript else {
            throw Diagnostic(.warning, at: figure.location, "the figure is drawn from the run of \(figure.file), which has no stored transcript",
                             help: "run `notes run` to record it; until then the figure shows a note instead")
        }
        guard let step = figure.step else {
            guard let timeline = timeline(transcript) else {
                throw Diagnostic(.warning, at: figure.location, "the run of \(figure.file) made no model calls to draw")
            }
            return .timeline(timeline)
        }
        guard let recorded = transcript.steps.first(where: { $0.number == step }) else {
            throw Diagnostic(.warning, at: figure.location, "the run of \(figure.file) has no step \(step)",
                             help: "it has steps 1 to \(transcript.steps.count)")
        }
        let calls = recorded.blocks.filter { $0.type == "tool_use" }.map { block in
            TurnDiagram.Call(name: block.name ?? "tool", detail: inputSummary(block.input ?? "{}"))
        }
        guard !calls.isEmpty else {
            throw Diagnostic(.warning, at: figure.location, "step \(step) of the run of \(figure.file) called no tools")
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

    /// The run on one time axis, for the timing lanes.
    static func timeline(_ transcript: Transcript) -> RunTimeline? {
        guard !transcript.modelCalls.isEmpty else { return nil }
        let seconds = { (ms: Int) in Double(ms) / 1000 }
        let calls = transcript.steps.map { step in
            let call = transcript.modelCalls[step.modelCall]
            return RunTimeline.ModelCall(
                step: step.number, label: step.isFinal ? "Final" : "Step \(step.number)", start: seconds(call.startMS),
                firstEvent: call.streamed ? call.firstEventMS.map(seconds) : nil, end: seconds(call.endMS), isStreamed: call.streamed)
        }
        var tools: [RunTimeline.ToolCall] = []
        for step in transcript.steps {
            for block in step.blocks where block.type == "tool_use" {
                if let span = block.span {
                    tools.append(.init(step: step.number, name: block.name ?? "tool", id: block.id ?? "",
                                       start: seconds(span.startMS), end: seconds(span.endMS), isMeasured: true))
                }
            }
        }
        for phase in transcript.toolPhases {
            let step = transcript.steps.last { transcript.modelCalls[$0.modelCall].endMS <= phase.startMS }?.number ?? 0
            tools.append(.init(step: step, name: "tools", id: "", start: seconds(phase.startMS), end: seconds(phase.endMS), isMeasured: false))
        }
        return RunTimeline(duration: seconds(transcript.durationMS), modelCalls: calls, toolCalls: tools)
    }
}
