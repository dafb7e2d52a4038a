import Foundation
import NotesRecords
import NotesTransport
import Testing

@testable import NotesRunner

/// Tool calls seen by the start-up hook are paired with the tool_use blocks they ran, by name,
/// input and time, using the seed's recorded exchanges with times set here.
@Suite struct ToolSpanPairingTests {
    /// On a busy machine the transport can note an answer's end after the listing has already read
    /// it and started the tool: the tool call still belongs to that step.
    @Test func aToolStartedBeforeTheTransportNotedTheAnswersEndPairsWithItsStep() throws {
        let (builder, toolUses) = try Self.seedRun(toolStartsBeforeNotedEndBy: 15)
        let (_, steps, phases) = builder.build()
        let spans = steps.flatMap(\.blocks).filter { $0.type == "tool_use" }.map(\.span)
        #expect(spans.count == toolUses)
        #expect(spans.allSatisfy { $0?.source == "hook" }, "\(spans)")
        #expect(phases.isEmpty, "every tool call was seen")
    }

    /// A tool call seen outside its step's model calls is not paired with that step: it is left as
    /// an unseen phase rather than put in the wrong place.
    @Test func aToolSeenBeforeItsStepsModelCallWasSentIsNotPaired() throws {
        let (builder, _) = try Self.seedRun(toolStartsBeforeNotedEndBy: 700)
        let (_, steps, phases) = builder.build()
        #expect(steps.flatMap(\.blocks).filter { $0.type == "tool_use" }.allSatisfy { $0.span == nil })
        #expect(!phases.isEmpty)
    }

    /// The seed's four exchanges, each model call noted from `1000 n` ms to `1000 n + 400`, and one
    /// hook line per tool_use starting `early` ms before its call's noted end.
    static func seedRun(toolStartsBeforeNotedEndBy early: Int) throws -> (TranscriptBuilder, toolUses: Int) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let cassette = try Cassette.load(
            from: root.appendingPathComponent("content/03-do-it-all-at-once/runs/parallel_tools.cassette.json"))
        var exchanges: [ServedExchange] = []
        var traces: [ToolTrace] = []
        for (index, entry) in cassette.entries.enumerated() {
            let start = 1000 * index
            exchanges.append(
                ServedExchange(
                    number: index + 1, method: "POST", path: "/v1/messages", status: 200, entryIndex: index,
                    received: .milliseconds(start), firstByte: .milliseconds(start + 100), end: .milliseconds(start + 400)))
            let content = entry.response.body.parsedJSON?["content"]?.arrayValue ?? []
            for block in content where block["type"]?.stringValue == "tool_use" {
                let name = try #require(block["name"]?.stringValue)
                traces.append(
                    ToolTrace(
                        toolUseID: nil, function: "run_tool", arguments: [.string(name), block["input"] ?? .object([])],
                        startMS: start + 400 - early, endMS: start + 450))
            }
        }
        let report = TransportReport(mode: .replay, pace: .fast, exchanges: exchanges, cassette: cassette)
        return (
            TranscriptBuilder(report: report, transportOffset: 0, traces: traces, durationMS: 1000 * cassette.entries.count), traces.count
        )
    }
}
