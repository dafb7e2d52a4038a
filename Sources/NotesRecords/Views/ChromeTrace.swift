import Foundation

/// A run as Chrome Trace Event JSON (`runs/<listing>.trace.json`), which Perfetto and
/// chrome://tracing open: one complete event (`"ph": "X"`) per model call and per tool call, model
/// calls on one track and tool calls on as many tracks as ran at once, the same rows as the page's
/// timing lanes.
package enum ChromeTrace {
    /// The trace of `transcript`, or nil when it made no model calls.
    package static func json(_ transcript: Transcript, name: String) -> [UInt8]? {
        guard let timeline = RunTimeline(transcript) else { return nil }
        let microseconds = { (seconds: Double) in JSONValue.number(String(Int((seconds * 1_000_000).rounded()))) }
        var events: [JSONValue] = [
            metadata("process_name", thread: 0, name: name),
            metadata("thread_name", thread: 1, name: "model calls"),
        ]
        for (call, recorded) in zip(timeline.modelCalls, transcript.modelCalls) {
            var args: [JSONValue.Member] = [.init("model", .string(recorded.model)), .init("exchange", .number(String(recorded.exchange)))]
            if let reason = recorded.stopReason { args.append(.init("stop_reason", .string(reason))) }
            if let first = call.firstEvent {
                args.append(.init("first_event_ms", .number(String(Int(((first - call.start) * 1000).rounded())))))
            }
            events.append(
                complete(
                    call.label, category: "model", start: microseconds(call.start),
                    duration: microseconds(call.end - call.start), thread: 1, args: args))
        }
        for (row, calls) in timeline.toolRows.enumerated() {
            let thread = row + 2
            events.append(metadata("thread_name", thread: thread, name: "tool lane \(row + 1)"))
            for call in calls {
                var args: [JSONValue.Member] = [.init("step", .number(String(call.step)))]
                if !call.id.isEmpty { args.append(.init("tool_use_id", .string(call.id))) }
                args.append(.init("measured", .bool(call.isMeasured)))
                events.append(
                    complete(
                        call.name, category: call.isMeasured ? "tool" : "tool phase", start: microseconds(call.start),
                        duration: microseconds(call.end - call.start), thread: thread, args: args))
            }
        }
        let trace: JSONValue = .object([
            .init("displayTimeUnit", .string("ms")),
            .init("traceEvents", .array(events)),
            .init(
                "otherData",
                .object([
                    .init("command", .string(transcript.command)), .init("mode", .string(transcript.mode)),
                    .init("duration_ms", .number(String(transcript.durationMS))),
                ])),
        ])
        return trace.serialized(JSONFormat(indent: 2)) + [0x0A]
    }

    private static func complete(
        _ name: String, category: String, start: JSONValue, duration: JSONValue, thread: Int,
        args: [JSONValue.Member]
    ) -> JSONValue {
        .object([
            .init("name", .string(name)), .init("cat", .string(category)), .init("ph", .string("X")),
            .init("ts", start), .init("dur", duration), .init("pid", .number("1")), .init("tid", .number(String(thread))),
            .init("args", .object(args)),
        ])
    }

    private static func metadata(_ kind: String, thread: Int, name: String) -> JSONValue {
        .object([
            .init("name", .string(kind)), .init("ph", .string("M")), .init("pid", .number("1")),
            .init("tid", .number(String(thread))), .init("args", .object([.init("name", .string(name))])),
        ])
    }
}
