import Foundation
import NotesDiagnostics
import NotesRecords
import NotesRender
import NotesTestSupport
import Testing

/// Golden SVGs for the article's two figures and for a run's timing lanes.
@Suite struct DiagramSnapshotTests {
    @Test func figureOneLanesMatchGoldenFile() throws {
        let svg = try DiagramFixture.figureOne().svg(title: DiagramFixture.figureOneCaption, idPrefix: "figure-1")
        expectSnapshot(svg, named: "diagram-figure-1-lanes.svg")
    }

    @Test func figureTwoTurnMatchesGoldenFile() throws {
        let svg = try DiagramFixture.figureTwo().svg(title: DiagramFixture.figureTwoCaption, idPrefix: "figure-2")
        expectSnapshot(svg, named: "diagram-figure-2-turn.svg")
    }

    @Test func seedRunTimelineMatchesGoldenFile() {
        let svg = TimelineSVG.svg(DiagramFixture.seedRun, title: "Timing lanes of parallel_tools.py", idPrefix: "run-1")
        expectSnapshot(svg, named: "diagram-timeline-seed.svg")
    }

    @Test func streamedRunWithUnmeasuredPhaseMatchesGoldenFile() {
        let svg = TimelineSVG.svg(DiagramFixture.streamedRun, title: "A streamed run", idPrefix: "run-2")
        expectSnapshot(svg, named: "diagram-timeline-streamed.svg")
    }
}

// MARK: - Fixtures

/// The article's figures, read from docs/diagrams.md so that the documented examples are the tested ones,
/// and two recorded-looking runs.
enum DiagramFixture {
    static let start = NotesDiagnostics.SourceLocation(path: "content/03-x/note.md", line: 40, column: 1)
    static let figureOneCaption = "Sequential calls stack end to end; parallel calls overlap and finish in the time of the slowest one."
    static let figureTwoCaption =
        "One model turn carrying several tool_use blocks, run in parallel, with their results funnelled back into the next turn's context."

    static func figureOne() throws -> Diagram {
        try Diagram.parse(language: "lanes", text: try documentedSource(captioned: figureOneCaption), bodyStart: start)
    }

    static func figureTwo() throws -> Diagram {
        try Diagram.parse(
            language: "turn", text: try documentedSource(captioned: "One model turn carrying several `tool_use` blocks"), bodyStart: start)
    }

    /// The body of the fence (``` or ~~~) in docs/diagrams.md whose info string contains `caption`.
    static func documentedSource(captioned caption: String) throws -> String {
        let url = repositoryRoot().appendingPathComponent("docs/diagrams.md")
        let lines = String(decoding: try Data(contentsOf: url), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let open = try #require(
            lines.firstIndex { ($0.hasPrefix("```") || $0.hasPrefix("~~~")) && $0.contains(caption) }, "no fence captioned \(caption)")
        let fence = lines[open].prefix(3)
        let close = try #require(lines[(open + 1)...].firstIndex { $0.hasPrefix(fence) })
        return lines[(open + 1)..<close].joined(separator: "\n")
    }

    /// Like the seed note's run: four model calls; step 2 runs two check_calendar calls at once.
    static let seedRun = RunTimeline(
        duration: 5.10,
        modelCalls: [
            .init(step: 1, label: "Step 1", start: 0.10, firstEvent: 1.20, end: 1.45, isStreamed: false),
            .init(step: 2, label: "Step 2", start: 1.51, firstEvent: 2.40, end: 2.60, isStreamed: false),
            .init(step: 3, label: "Step 3", start: 3.03, firstEvent: 4.00, end: 4.20, isStreamed: false),
            .init(step: 4, label: "Final", start: 4.27, firstEvent: 4.70, end: 5.05, isStreamed: false),
        ],
        toolCalls: [
            .init(step: 1, name: "list_emails", id: "toolu_01", start: 1.46, end: 1.50, isMeasured: true),
            .init(step: 2, name: "check_calendar", id: "toolu_02", start: 2.61, end: 3.02, isMeasured: true),
            .init(step: 2, name: "check_calendar", id: "toolu_03", start: 2.62, end: 2.99, isMeasured: true),
            .init(step: 3, name: "create_calendar_event", id: "toolu_04", start: 4.21, end: 4.26, isMeasured: true),
        ])

    /// Streamed model calls (first events marked) and a tool phase that was not measured call by call.
    static let streamedRun = RunTimeline(
        duration: 3.2,
        modelCalls: [
            .init(step: 1, label: "Step 1", start: 0.05, firstEvent: 0.62, end: 1.30, isStreamed: true),
            .init(step: 2, label: "Final", start: 1.95, firstEvent: 2.31, end: 3.10, isStreamed: true),
        ],
        toolCalls: [.init(step: 1, name: "tools", id: "", start: 1.30, end: 1.95, isMeasured: false)])

    /// Every kind of diagram this suite draws, by name.
    static func allSVGs() throws -> [(String, String)] {
        [
            ("figure 1", try figureOne().svg(title: figureOneCaption, idPrefix: "figure-1")),
            ("figure 2", try figureTwo().svg(title: figureTwoCaption, idPrefix: "figure-2")),
            ("seed run", TimelineSVG.svg(seedRun, title: "Seed run", idPrefix: "run-1")),
            ("streamed run", TimelineSVG.svg(streamedRun, title: "Streamed run", idPrefix: "run-2")),
            ("empty run", TimelineSVG.svg(RunTimeline(duration: 0, modelCalls: [], toolCalls: []), title: "Nothing", idPrefix: "run-3")),
            (
                "one call",
                TurnDiagram(turnLabel: "Step 1", calls: [.init(name: "list_emails", detail: "")], nextLabel: "Step 2").svg(
                    title: "One", idPrefix: "t-1")
            ),
            (
                "styles",
                try Diagram.parse(
                    language: "lanes", text: "think 0-1 model\nlookup 1-1.2\n\"wait here\" 1.2-2 wait\naxis 2.5", bodyStart: start
                ).svg(title: "Styles", idPrefix: "s-1")
            ),
        ]
    }
}
