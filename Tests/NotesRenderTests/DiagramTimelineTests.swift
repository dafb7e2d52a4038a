import NotesRecords
import NotesRender
import Testing

/// A run's timing lanes tell the truth: calls that ran together overlap on separate rows, calls that
/// ran one after another sit end to end on one row, and x is proportional to time.
@Suite struct DiagramTimelineTests {
    static func run(tools: [(String, Double, Double)]) -> RunTimeline {
        RunTimeline(
            duration: 3,
            modelCalls: [
                .init(step: 1, label: "Step 1", start: 0, firstEvent: nil, end: 1, isStreamed: false),
                .init(step: 2, label: "Final", start: 2.6, firstEvent: nil, end: 3, isStreamed: false),
            ],
            toolCalls: tools.enumerated().map {
                .init(step: 1, name: $0.element.0, id: "toolu_\($0.offset)", start: $0.element.1, end: $0.element.2, isMeasured: true)
            })
    }

    @Test func threeOverlappingCallsDrawThreeRowsThatOverlapInTime() throws {
        let timeline = Self.run(tools: [("a", 1.0, 2.0), ("b", 1.2, 1.8), ("c", 1.5, 2.5)])
        #expect(timeline.toolRows.map { $0.map(\.name) } == [["a"], ["b"], ["c"]])
        let bars = try toolBars(timeline)
        #expect(bars.count == 3)
        #expect(Set(bars.map { $0.number("y") }).count == 3)
        for (i, j) in [(0, 1), (0, 2), (1, 2)] {
            let (p, q) = (bars[i], bars[j])
            #expect(
                p.number("x") < q.number("x") + q.number("width") && q.number("x") < p.number("x") + p.number("width"),
                "bars \(i) and \(j) do not overlap")
        }
    }

    @Test func threeSequentialCallsDrawEndToEndInOneRow() throws {
        let timeline = Self.run(tools: [("a", 1.0, 1.3), ("b", 1.3, 1.7), ("c", 1.7, 2.0)])
        #expect(timeline.toolRows.map { $0.map(\.name) } == [["a", "b", "c"]])
        let bars = try toolBars(timeline)
        #expect(Set(bars.map { $0.number("y") }).count == 1)
        for (left, right) in zip(bars, bars.dropFirst()) {
            #expect(abs(left.number("x") + left.number("width") - right.number("x")) < 0.02)
        }
    }

    @Test func aRowIsReusedAsSoonAsItIsFree() {
        // b overlaps a; c starts when a ends, so it takes a's row; d fits in b's row after b ends.
        let rows = RowPacking.rows(for: [(0, 1), (0.5, 1.5), (1.0, 2.0), (1.6, 1.7)])
        #expect(rows == [0, 1, 0, 1])
    }

    @Test func xIsProportionalToTime() throws {
        let document = try #require(SVGDocument(TimelineSVG.svg(DiagramFixture.seedRun, title: "t", idPrefix: "r")))
        let models = document.all("rect", class: "dg-bar").filter { $0.classes.contains("dg-model") }.map { $0.number("x") }
        #expect(models.count == 4)
        // Step 1 starts at 0.10 s, step 2 at 1.51 s, the final call at 4.27 s.
        let ratio = (models[1] - models[0]) / (models[3] - models[0])
        #expect(abs(ratio - (1.51 - 0.10) / (4.27 - 0.10)) < 0.0005)
    }

    @Test func barsAreLabelledWithStepOrToolAndDuration() throws {
        let texts = try #require(SVGDocument(TimelineSVG.svg(DiagramFixture.seedRun, title: "t", idPrefix: "r"))).all("text").map(\.text)
        for label in [
            "Step 1 · 1.35 s", "Step 2 · 1.09 s", "Step 3 · 1.17 s", "Final · 0.78 s", "check_calendar · 0.41 s", "check_calendar · 0.37 s",
            "list_emails · 0.04 s", "create_calendar_event · 0.05 s",
        ] {
            #expect(texts.contains(label), "missing \(label)")
        }
        #expect(texts.contains("Model") && texts.contains("Tools"))
    }

    @Test func stepBoundariesAreMarkedAtEachModelCall() throws {
        let document = try #require(SVGDocument(TimelineSVG.svg(DiagramFixture.seedRun, title: "t", idPrefix: "r")))
        let steps = document.all("line", class: "dg-step").map { $0.number("x1") }
        #expect(steps == document.all("rect", class: "dg-bar").filter { $0.classes.contains("dg-model") }.map { $0.number("x") })
    }

    @Test func firstEventIsMarkedOnStreamedCallsOnly() throws {
        let streamed = try #require(SVGDocument(TimelineSVG.svg(DiagramFixture.streamedRun, title: "t", idPrefix: "r")))
        // One mark per streamed call, and one in the legend.
        #expect(streamed.all("path", class: "dg-first-event").count == 3)
        let plain = try #require(SVGDocument(TimelineSVG.svg(DiagramFixture.seedRun, title: "t", idPrefix: "r")))
        #expect(plain.all("path", class: "dg-first-event").isEmpty)
    }

    @Test func unmeasuredPhaseIsDashedAndLabelledTools() throws {
        let document = try #require(SVGDocument(TimelineSVG.svg(DiagramFixture.streamedRun, title: "t", idPrefix: "r")))
        let phase = try #require(document.all("rect", class: "dg-unmeasured").first)
        #expect(phase.attributes["stroke-dasharray"] != nil && phase.attributes["fill"] == "none")
        #expect(document.all("text").contains { $0.text == "tools" })
        #expect(document.all("rect", class: "dg-tool").filter { $0.classes.contains("dg-bar") }.isEmpty)
    }

    @Test func descriptionSaysEverythingInWords() throws {
        let document = try #require(SVGDocument(TimelineSVG.svg(DiagramFixture.seedRun, title: "t", idPrefix: "r")))
        let desc = try #require(document.first("desc")).text
        #expect(desc.contains("Step 2 from 1.51 s to 2.60 s (1.09 s)"))
        #expect(desc.contains("check_calendar in step 2 from 2.61 s to 3.02 s (0.41 s)"))
        #expect(desc.contains("2 rows"))
    }

    @Test func timeBeforeTheFirstModelCallIsDrawnAsStartUp() throws {
        let timeline = RunTimeline(
            duration: 6,
            modelCalls: [.init(step: 1, label: "Final", start: 2.5, firstEvent: nil, end: 3.2, isStreamed: false)],
            toolCalls: [])
        let document = try #require(SVGDocument(TimelineSVG.svg(timeline, title: "t", idPrefix: "r")))
        let startUp = try #require(document.all("rect", class: "dg-start-up").first { $0.classes.contains("dg-bar") })
        let model = try #require(document.all("rect", class: "dg-model").first { $0.classes.contains("dg-bar") })
        let zero = try #require(document.all("line", class: "dg-grid").first).number("x1")
        // From 0 to the first call, dotted and unfilled, in the model row.
        #expect(abs(startUp.number("x") - zero) < 0.01)
        #expect(abs(startUp.number("x") + startUp.number("width") - model.number("x")) < 0.02)
        #expect(startUp.number("y") == model.number("y"))
        #expect(startUp.attributes["fill"] == "none" && startUp.attributes["stroke-dasharray"] == "1 2")
        let texts = document.all("text").map(\.text)
        #expect(texts.contains("start-up · 2.50 s"))
        #expect(texts.contains("before the first model call"))
        #expect(try #require(document.first("desc")).text.contains("The first model call began at 2.50 s, after start-up."))

        // A run whose first call starts at once has none.
        let prompt = try #require(SVGDocument(TimelineSVG.svg(Self.run(tools: []), title: "t", idPrefix: "r")))
        #expect(prompt.all("rect", class: "dg-start-up").isEmpty)
    }

    private func toolBars(_ timeline: RunTimeline) throws -> [SVGDocument.Element] {
        try #require(SVGDocument(TimelineSVG.svg(timeline, title: "t", idPrefix: "r"))).all("rect", class: "dg-tool")
            .filter { $0.classes.contains("dg-bar") }
    }
}
