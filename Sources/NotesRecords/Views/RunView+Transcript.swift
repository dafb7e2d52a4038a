import Foundation

// MARK: - What a page draws from a transcript

extension RunView {
    /// The run panel of a stored run: its output, steps, provenance and timing lanes.
    package init(_ transcript: Transcript) {
        let calls = transcript.modelCalls
        let steps = transcript.steps.enumerated().map { position, step in
            let call = calls[step.modelCall]
            let next = position + 1 < transcript.steps.count ? calls[transcript.steps[position + 1].modelCall].startMS : nil
            return RunView.Step(
                number: step.number, label: step.isFinal ? "Final" : "Step \(step.number)", startMS: call.startMS,
                endMS: next ?? call.endMS,
                entries: step.blocks.flatMap { Self.entries($0, call: call, nextCallStart: next ?? transcript.durationMS) })
        }
        let toolCalls = transcript.steps.reduce(0) { $0 + $1.blocks.filter { $0.type == "tool_use" }.count }
        self.init(
            command: transcript.command, durationMS: transcript.durationMS,
            exitSummary: transcript.exit.summary, succeeded: transcript.exit.isSuccess,
            output: transcript.output.lines.map { .init(text: $0.text, isError: $0.stream != "stdout", atMS: $0.atMS) },
            provenance: Self.provenance(transcript), steps: steps, modelCalls: transcript.modelCalls.count, toolCalls: toolCalls,
            timeline: RunTimeline(transcript))
    }

    /// What a block shows, and when: a reply's content appears when the reply ended (or, streamed,
    /// as it arrived); a tool runs over its measured span, else until the next model call, and its
    /// result is back at the end of that.
    private static func entries(_ block: Transcript.Block, call: Transcript.ModelCall, nextCallStart: Int) -> [RunView.Step.Entry] {
        let arrived = block.arrivals?.first?.atMS ?? block.completeMS ?? call.endMS
        func text(_ raw: String?) -> (String, [Transcript.Arrival])? {
            guard let raw, !raw.isEmpty else { return nil }
            let shown = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !shown.isEmpty else { return nil }
            // Arrival lengths count the raw text; the page shows it trimmed.
            let leading = raw.utf16.count - String(raw.drop { $0.isWhitespace }).utf16.count
            let arrivals = (block.arrivals ?? []).map {
                Transcript.Arrival(atMS: $0.atMS, length: min(shown.utf16.count, max(0, $0.length - leading)))
            }
            return (shown, arrivals)
        }
        switch block.type {
        case "thinking":
            guard let (shown, arrivals) = text(block.text) else { return [] }
            return [.init(.thought(shown), atMS: arrived, untilMS: block.completeMS, arrivals: arrivals)]
        case "redacted_thinking":
            return [.init(.redactedThought, atMS: block.completeMS ?? call.endMS)]
        case "text":
            guard let (shown, arrivals) = text(block.text) else { return [] }
            return [.init(.says(shown), atMS: arrived, untilMS: block.completeMS, arrivals: arrivals)]
        case "tool_use":
            let asked = block.completeMS ?? call.endMS
            let done = block.span?.endMS ?? nextCallStart
            var entries: [RunView.Step.Entry] = [
                .init(.action(name: block.name ?? "tool", input: block.input ?? "{}"), atMS: asked, untilMS: done)
            ]
            if let result = block.result { entries.append(.init(.observation(result.text, isError: result.isError), atMS: done)) }
            return entries
        default:
            return []
        }
    }

    /// "Recorded on 21 May 2026 against claude-sonnet-4-6; replayed at recorded pace."
    package static func provenance(_ transcript: Transcript) -> String {
        let model = transcript.modelCalls.first?.model ?? ""
        let against = model.isEmpty ? "" : " against \(model)"
        guard let cassette = transcript.cassette else {
            return transcript.mode == "live" ? "Run live\(against); nothing was recorded." : "Ran without a recording."
        }
        let day = displayDay(cassette.recordedAt)
        let origin =
            cassette.provenance == "reconstructed"
            ? "Reconstructed from the published transcript of a run on \(day)\(against)"
            : "Recorded on \(day)\(against)"
        switch transcript.mode {
        case "record": return origin + "."
        default: return origin + (transcript.pace == "fast" ? "; replayed at full speed." : "; replayed at recorded pace.")
        }
    }

    /// "21 May 2026" from an RFC 3339 time.
    package static func displayDay(_ rfc3339: String) -> String {
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        ]
        let parts = rfc3339.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return rfc3339 }
        return "\(parts[2]) \(months[parts[1] - 1]) \(parts[0])"
    }
}

extension RunTimeline {
    /// The run on one time axis, for the timing lanes; nil when it made no model calls.
    package init?(_ transcript: Transcript) {
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
                    tools.append(
                        .init(
                            step: step.number, name: block.name ?? "tool", id: block.id ?? "",
                            start: seconds(span.startMS), end: seconds(span.endMS), isMeasured: true))
                }
            }
        }
        for phase in transcript.toolPhases {
            let step = transcript.steps.last { transcript.modelCalls[$0.modelCall].endMS <= phase.startMS }?.number ?? 0
            tools.append(
                .init(step: step, name: "tools", id: "", start: seconds(phase.startMS), end: seconds(phase.endMS), isMeasured: false))
        }
        self.init(duration: seconds(transcript.durationMS), modelCalls: calls, toolCalls: tools)
    }

    /// The tool calls in their lanes, top to bottom, each lane in order of start: calls that ran
    /// together sit in different lanes (see ``RowPacking``). The page's lanes and the Chrome trace
    /// share this.
    package var toolRows: [[ToolCall]] {
        RowPacking.pack(toolCalls) { ($0.start, $0.end) }
    }
}
