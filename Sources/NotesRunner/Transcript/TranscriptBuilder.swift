import Foundation
import NotesRecords
import NotesTransport

/// Rebuilds a run's agent steps from the exchanges the transport served: one step per successful
/// model call, its content blocks, each tool_use paired with its tool_result (by id, from the next
/// request) and with when the tool ran (from the trace, else the gap between model calls).
struct TranscriptBuilder {
    /// What the transport served and answered with.
    var report: TransportReport
    /// Seconds to add to the transport's times to make them relative to the process start.
    var transportOffset: Double
    /// Observed tool calls.
    var traces: [ToolTrace]
    /// The process's duration in milliseconds, closing the last tool phase if the run ends in one.
    var durationMS: Int

    /// The model calls, the steps and the unobserved tool phases.
    func build() -> (calls: [Transcript.ModelCall], steps: [Transcript.Step], phases: [Transcript.Span]) {
        var calls: [Transcript.ModelCall] = []
        var messages: [JSONValue] = []  // the reply of each call
        var requests: [JSONValue?] = []  // the request of each call
        var streams: [[SSEEvent]?] = []  // the events of each call, when streamed
        var attempts: [Transcript.Attempt] = []
        for exchange in report.exchanges
        where exchange.method == "POST" && exchange.path.hasPrefix("/v1/messages")
            && !exchange.path.hasPrefix("/v1/messages/")
        {
            let entry = report.entry(for: exchange)
            let start = ms(exchange.received)
            let end = ms(exchange.end ?? exchange.received)
            guard (200..<300).contains(exchange.status), let entry, let message = Self.message(in: entry.response) else {
                let errorType = entry?.response.body.parsedJSON?["error"]?["type"]?.stringValue
                attempts.append(.init(status: exchange.status, errorType: errorType, startMS: start, endMS: end))
                continue
            }
            let streamed = entry.response.body.events != nil
            let firstEvent =
                streamed
                ? entry.response.body.events?.first.map { start + $0.offset }
                : exchange.firstByte.map(ms)
            calls.append(
                Transcript.ModelCall(
                    exchange: exchange.number, startMS: start, firstEventMS: firstEvent, endMS: end,
                    model: message["model"]?.stringValue ?? "", stopReason: message["stop_reason"]?.stringValue,
                    usage: Self.usage(message["usage"]), streamed: streamed, attempts: attempts))
            attempts = []
            messages.append(message)
            requests.append(entry.request.body.parsedJSON)
            streams.append(entry.response.body.events)
        }
        var steps: [Transcript.Step] = []
        var phases: [Transcript.Span] = []
        var unpaired = traces
        for (index, message) in messages.enumerated() {
            let next = index + 1 < requests.count ? requests[index + 1] : nil
            let results = Self.toolResults(in: next)
            let window = Transcript.Span(
                startMS: calls[index].endMS, endMS: index + 1 < calls.count ? calls[index + 1].startMS : durationMS)
            var blocks = (message["content"]?.arrayValue ?? []).map { Self.block($0, results: results) }
            if let events = streams[index] { Self.addTiming(events, start: calls[index].startMS, to: &blocks) }
            var unobserved = false
            for position in blocks.indices where blocks[position].type == "tool_use" {
                let block = blocks[position]
                let input = (try? JSONValue(parsing: block.input ?? "{}")) ?? .object([])
                let found =
                    unpaired.firstIndex { $0.toolUseID == block.id }
                    ?? unpaired.firstIndex {
                        // From the call's start, not its end: the transport notes an answer's end once
                        // its last byte is written, which on a busy machine can come after the listing
                        // read it and ran the tool. Between this call's start and the next call's, only
                        // this step's tools run: the step before's ended before this call was sent.
                        $0.toolUseID == nil && $0.startMS >= calls[index].startMS && $0.endMS <= window.endMS + 1
                            && $0.matches(name: block.name ?? "", input: input)
                    }
                if let found {
                    let trace = unpaired.remove(at: found)
                    blocks[position].span = .init(startMS: trace.startMS, endMS: trace.endMS, source: trace.source)
                } else {
                    unobserved = true
                }
            }
            if unobserved { phases.append(window) }
            let isFinal = index == messages.count - 1 && !blocks.contains { $0.type == "tool_use" }
            steps.append(Transcript.Step(number: index + 1, isFinal: isFinal, modelCall: index, blocks: blocks))
        }
        return (calls, steps, phases)
    }

    /// Stamps each block of a streamed reply with when its text arrived and when it was complete,
    /// as milliseconds from the process start (`start` is the call's).
    private static func addTiming(_ events: [SSEEvent], start: Int, to blocks: inout [Transcript.Block]) {
        let (started, arrivals, completes) = StreamedMessage.timing(events)
        for (position, index) in zip(blocks.indices, started) {
            if let pieces = arrivals[index], blocks[position].type == "text" || blocks[position].type == "thinking" {
                blocks[position].arrivals = pieces.map { Transcript.Arrival(atMS: start + $0.offset, length: $0.length) }
            }
            blocks[position].completeMS = completes[index].map { start + $0 }
        }
    }

    private func ms(_ duration: Duration) -> Int {
        Int(((duration.seconds + transportOffset) * 1000).rounded())
    }

    /// The message a response carried: its JSON body, or the message its events build.
    static func message(in response: CassetteResponse) -> JSONValue? {
        if let events = response.body.events { return StreamedMessage.assemble(events) }
        guard let json = response.body.parsedJSON, json["type"]?.stringValue == "message" else { return nil }
        return json
    }

    private static func usage(_ json: JSONValue?) -> [String: Int] {
        var usage: [String: Int] = [:]
        for member in json?.members ?? [] { if let value = member.value.intValue { usage[member.key] = value } }
        return usage
    }

    private static func block(_ json: JSONValue, results: [String: Transcript.ToolResult]) -> Transcript.Block {
        let type = json["type"]?.stringValue ?? "unknown"
        switch type {
        case "thinking": return .init(type: type, text: json["thinking"]?.stringValue)
        case "text": return .init(type: type, text: json["text"]?.stringValue)
        case "tool_use", "server_tool_use":
            let id = json["id"]?.stringValue
            return .init(
                type: "tool_use", text: nil, id: id, name: json["name"]?.stringValue,
                input: (json["input"] ?? .object([])).canonicalText, result: id.flatMap { results[$0] })
        default: return .init(type: type, text: nil)
        }
    }

    /// The tool_result blocks of a request's last user message, by tool_use id.
    static func toolResults(in request: JSONValue?) -> [String: Transcript.ToolResult] {
        guard let last = request?["messages"]?.arrayValue?.last, last["role"]?.stringValue == "user",
            let content = last["content"]?.arrayValue
        else { return [:] }
        var results: [String: Transcript.ToolResult] = [:]
        for block in content where block["type"]?.stringValue == "tool_result" {
            guard let id = block["tool_use_id"]?.stringValue else { continue }
            let text: String
            if let string = block["content"]?.stringValue {
                text = string
            } else {
                text = (block["content"]?.arrayValue ?? []).map { part in
                    part["text"]?.stringValue ?? "[\(part["type"]?.stringValue ?? "block")]"
                }.joined(separator: "\n")
            }
            results[id] = .init(text: text, isError: block["is_error"]?.boolValue ?? false)
        }
        return results
    }
}

extension Transcript.Block {
    init(type: String, text: String?, id: String? = nil, name: String? = nil, input: String? = nil, result: Transcript.ToolResult? = nil) {
        self.init(type: type, text: text, id: id, name: name, input: input, result: result, span: nil)
    }
}
