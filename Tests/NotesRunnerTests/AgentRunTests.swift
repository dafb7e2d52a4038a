import Foundation
import NotesRecords
import NotesRunner
import NotesTestSupport
import NotesTransport
import Testing

/// Runs an agent listing on the real SDK: recorded from the stand-in engine, then replayed with the
/// engine stopped, and turned into steps with per-tool timing.
@Suite struct AgentRunTests {
    static let agent = """
        import json
        import anthropic

        client = anthropic.Anthropic()
        tools = [{"name": "check_calendar", "description": "Checks a calendar.",
                  "input_schema": {"type": "object", "properties": {"email": {"type": "string"}}, "required": ["email"]}}]
        CALENDARS = {"james@abc.com": "<script>alert('free')</script>", "sarah@abc.com": "busy & <b>booked</b>"}

        def run_tool(name, tool_input):
            return CALENDARS[tool_input["email"]]

        messages = [{"role": "user", "content": "When are James and Sarah free?"}]
        while True:
            response = client.messages.create(model="stand-in-tools", max_tokens=512, tools=tools, messages=messages,
                                              thinking={"type": "enabled", "budget_tokens": 1024})
            for block in response.content:
                if block.type == "text":
                    print("SAYS", block.text)
            if response.stop_reason != "tool_use":
                break
            messages.append({"role": "assistant", "content": response.content})
            results = []
            for block in response.content:
                if block.type == "tool_use":
                    result = run_tool(block.name, block.input)
                    print("OBSERVATION", result)
                    results.append({"type": "tool_result", "tool_use_id": block.id, "content": result})
            messages.append({"role": "user", "content": results})
        """

    @Test func recordThenReplayGivesTheSameStepsWithObservedToolSpans() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let listing = try fixture.listing(file: "agent.py", language: "python", Self.agent, tools: ["run_tool"])
        let key = "fake-engine-key-\(UUID().uuidString)"
        let engine = try await TransportStandIn.start(key: key)
        var record = RunOptions(mode: .record, engine: engine.url, engineKey: EngineKey(key))
        record.timeout = .seconds(120)
        let recorded = try await fixture.run(listing, record)
        engine.stop()
        let replayed = try await fixture.run(listing, RunOptions(mode: .replay, pace: .fast))

        #expect(recorded.exit == .exited(0))
        #expect(replayed.stdoutLines == recorded.stdoutLines)
        #expect(replayed.steps.map(\.blocks.count) == recorded.steps.map(\.blocks.count))
        #expect(replayed.modelCalls.count == 2)
        let step = try #require(replayed.steps.first)
        let uses = step.blocks.filter { $0.type == "tool_use" }
        #expect(uses.count == 2)
        #expect(uses.map { $0.result?.text } == ["<script>alert('free')</script>", "busy & <b>booked</b>"])
        // Both tool calls were observed through the start-up hook, between the model calls: after the
        // first was sent (its end as the transport notes it can come after the listing read it, on a
        // busy machine) and before the second.
        for use in uses {
            let span = try #require(use.span)
            #expect(span.source == "hook")
            #expect(span.startMS >= replayed.modelCalls[0].startMS && span.startMS <= span.endMS)
            #expect(span.endMS <= replayed.modelCalls[1].startMS + 1)
        }
        #expect(replayed.toolPhases.isEmpty)
        #expect(replayed.steps.last?.isFinal == true)
        // The key never reached a file.
        let files = FileManager.default.enumerator(at: fixture.root, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            #expect(!String(decoding: data, as: UTF8.self).contains(key), "\(file.path) holds the key")
        }
        expectSnapshot(try normalised(replayed), named: "agent.transcript.json")
    }

    /// The same agent, streaming: the transcript keeps when each piece of text arrived, so a page
    /// can replay it at the recorded pace.
    @Test func aStreamedRunRecordsWhenEachPieceOfTextArrived() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let streaming = Self.agent.replacingOccurrences(
            of: """
                    response = client.messages.create(model="stand-in-tools", max_tokens=512, tools=tools, messages=messages,
                                                      thinking={"type": "enabled", "budget_tokens": 1024})
                """,
            with: """
                    with client.messages.stream(model="stand-in-tools", max_tokens=512, tools=tools, messages=messages,
                                                thinking={"type": "enabled", "budget_tokens": 1024}) as stream:
                        response = stream.get_final_message()
                """)
        #expect(streaming != Self.agent)
        let listing = try fixture.listing(file: "agent.py", language: "python", streaming, tools: ["run_tool"])
        let key = "fake-engine-key-\(UUID().uuidString)"
        let engine = try await TransportStandIn.start(key: key)
        defer { engine.stop() }
        let transcript = try await fixture.run(listing, RunOptions(mode: .record, engine: engine.url, engineKey: EngineKey(key)))
        #expect(transcript.exit == .exited(0))
        #expect(transcript.modelCalls.allSatisfy { $0.streamed })
        let texts = transcript.steps.flatMap(\.blocks).filter { $0.type == "text" || $0.type == "thinking" }
        #expect(!texts.isEmpty)
        for block in texts {
            let arrivals = try #require(block.arrivals)
            #expect(arrivals.count > 1, "the stand-in sends every text in pieces")
            #expect(arrivals.map(\.length) == arrivals.map(\.length).sorted())
            #expect(arrivals.map(\.atMS) == arrivals.map(\.atMS).sorted())
            #expect(arrivals.last?.length == block.text?.utf16.count)
            let complete = try #require(block.completeMS)
            #expect(complete >= arrivals.last!.atMS)
        }
        let uses = transcript.steps.flatMap(\.blocks).filter { $0.type == "tool_use" }
        #expect(uses.allSatisfy { $0.completeMS != nil && $0.arrivals == nil })
        // What the page replays: the same pieces, times and lengths, item by item.
        let view = RunView(transcript)
        let says = view.steps.flatMap(\.entries).filter { if case .says = $0.item { true } else { false } }
        #expect(!says.isEmpty && says.allSatisfy { $0.arrivals.count > 1 && $0.atMS == $0.arrivals[0].atMS })
    }

    /// The transcript with what changes between runs fixed: every `*_ms` time, and the cassette's
    /// hash, recording time and engine (the stand-in listens on a new port each run).
    func normalised(_ transcript: Transcript) throws -> String {
        func fix(_ value: JSONValue, key: String = "") -> JSONValue {
            switch value {
            case .object(let members):
                return .object(
                    members.map { member in
                        if member.key.hasSuffix("_ms"), member.value != .null { return .init(member.key, .number("0")) }
                        if key == "cassette", ["sha256", "recorded_at", "engine"].contains(member.key) {
                            return .init(member.key, .string("…"))
                        }
                        return .init(member.key, fix(member.value, key: member.key))
                    })
            case .array(let elements): return .array(elements.map { fix($0, key: key) })
            default: return value
            }
        }
        let json = try JSONValue(parsing: [UInt8](try transcript.encoded()))
        return fix(json).text(JSONFormat(indent: 2, sortsKeys: true)) + "\n"
    }
}
