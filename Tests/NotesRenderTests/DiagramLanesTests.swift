import Foundation
import NotesDiagnostics
import NotesRender
import NotesTestSupport
import Testing

/// `lanes` fences: what they mean, how they are drawn, and what an author is told when one is wrong.
@Suite struct DiagramLanesTests {
    let start = DiagramFixture.start

    // MARK: - Meaning

    @Test func figureOneHasASequentialAndAParallelGroup() throws {
        guard case .lanes(let lanes) = try DiagramFixture.figureOne() else {
            Issue.record("not lanes")
            return
        }
        #expect(lanes.groups.map(\.name) == ["Sequential", "Parallel"])
        #expect(
            lanes.groups[0].bars == [
                .init(name: "get_user", start: 0, end: 0.30),
                .init(name: "search", start: 0.30, end: 0.80),
                .init(name: "fetch_doc", start: 0.80, end: 1.15),
            ])
        #expect(lanes.groups[1].bars.map(\.start) == [0, 0, 0])
        #expect(lanes.axisEnd == nil)
    }

    @Test func quotedNamesStylesAndAxisAreRead() throws {
        let text = """
            # a comment, then bars before any group
            "fetch doc" 0.5-1s model
            wait_here .5-2 wait

            axis 0-2.5
            """
        guard case .lanes(let lanes) = try Diagram.parse(language: "lanes", text: text, bodyStart: start) else { return }
        #expect(
            lanes.groups == [
                .init(
                    name: "",
                    bars: [
                        .init(name: "fetch doc", start: 0.5, end: 1, style: .model),
                        .init(name: "wait_here", start: 0.5, end: 2, style: .wait),
                    ])
            ])
        #expect(lanes.axisEnd == 2.5)
    }

    // MARK: - Drawing

    @Test func sequentialBarsShareOneRowEndToEnd() throws {
        let bars = try toolBars(DiagramFixture.figureOne()).prefix(3)
        #expect(Set(bars.map { $0.number("y") }).count == 1)
        for (left, right) in zip(bars, bars.dropFirst()) {
            #expect(abs(left.number("x") + left.number("width") - right.number("x")) < 0.02)
        }
    }

    @Test func parallelBarsGetARowEachAndStartTogether() throws {
        let bars = try toolBars(DiagramFixture.figureOne()).suffix(3)
        #expect(Set(bars.map { $0.number("y") }).count == 3)
        // Bars that start together keep the order written, top to bottom.
        #expect(
            bars.sorted { $0.number("y") < $1.number("y") }.map {
                $0.text.trimmingCharacters(in: .whitespacesAndNewlines).prefix { $0 != " " }
            } == ["get_user", "search", "fetch_doc"])
        #expect(Set(bars.map { $0.number("x") }).count == 1)
        // The parallel group ends with its slowest bar, search (0.50 s), at 0.50/1.15 of the sequential row.
        let sequentialEnd = try toolBars(DiagramFixture.figureOne())[2]
        let plotLeft = bars.first!.number("x")
        let parallelEnd = bars.map { $0.number("x") + $0.number("width") }.max()!
        let ratio = (parallelEnd - plotLeft) / (sequentialEnd.number("x") + sequentialEnd.number("width") - plotLeft)
        #expect(abs(ratio - 0.50 / 1.15) < 0.001)
    }

    @Test func axisOfFigureOneEndsAtTheNextTickInSeconds() throws {
        let svg = try DiagramFixture.figureOne().svg(title: "t", idPrefix: "f")
        let ticks = try #require(SVGDocument(svg)).all("text", class: "dg-tick").map(\.text)
        #expect(ticks == ["0 s", "0.2 s", "0.4 s", "0.6 s", "0.8 s", "1 s", "1.2 s"])
    }

    @Test func labelsFitInsideTheirBarsOrMoveBeside() throws {
        let svg = try Diagram.parse(language: "lanes", text: "long_enough_name 0-1\nx 1-1.01\naxis 1.2", bodyStart: start).svg(
            title: "t", idPrefix: "f")
        let document = try #require(SVGDocument(svg))
        let inside = try #require(document.all("text").first { $0.text == "long_enough_name · 1.00 s" })
        #expect(inside.classes == ["dg-on-tool"])
        let beside = try #require(document.all("text").first { $0.text == "x · 0.01 s" })
        #expect(beside.classes == ["dg-beside"])
        let tiny = try #require(document.all("rect", class: "dg-tool").last)
        #expect(beside.number("x") > tiny.number("x") + tiny.number("width"))
    }

    @Test func legendAppearsOnlyWhenStylesAreMixed() throws {
        let plain = try DiagramFixture.figureOne().svg(title: "t", idPrefix: "f")
        #expect(try #require(SVGDocument(plain)).all("text", class: "dg-legend").isEmpty)
        let mixed = try Diagram.parse(language: "lanes", text: "a 0-1 model\nb 1-2", bodyStart: start).svg(title: "t", idPrefix: "f")
        #expect(try #require(SVGDocument(mixed)).all("text", class: "dg-legend").map(\.text) == ["model call", "tool call"])
    }

    private func toolBars(_ diagram: Diagram) throws -> [SVGDocument.Element] {
        try #require(SVGDocument(diagram.svg(title: "t", idPrefix: "f"))).all("rect", class: "dg-bar")
    }

    // MARK: - Errors

    @Test func errorsNameLineColumnAndFixAndAreAllReported() throws {
        // The example printed in docs/diagrams.md, line for line: the fence is on line 39.
        let text = "group Sequential\nfetch_doc  0.9\nfetch doc 0-0.35\nsearch 0.8-0.2"
        let expected = try documentedErrorExample()
        #expect(errors(text) == expected)
    }

    @Test(arguments: [
        (
            "a 0-x",
            "content/03-x/note.md:40:5: error: `x` is not a number of seconds\n  help: write times as decimal seconds, like `0.25` or "
                + "`1.5s`"
        ),
        (
            "a 0-1 dashed",
            "content/03-x/note.md:40:7: error: unknown bar style `dashed`\n  help: use `model` (solid), `tool` (hatched, the default) or "
                + "`wait` (dashed outline)"
        ),
        (
            "a 0-1 tool extra",
            "content/03-x/note.md:40:12: error: unexpected `extra` after the bar's style\n  help: a bar line is `NAME START-END [STYLE]`; "
                + "put a name with spaces in quotes"
        ),
        ("0-0.3 search", "content/03-x/note.md:40:1: error: a bar starts with its name, then its times\n  help: write `search 0-0.3`"),
        ("grup Parallel", "content/03-x/note.md:40:1: error: unknown keyword `grup`\n  help: did you mean `group`?"),
        (
            "search",
            "content/03-x/note.md:40:7: error: a bar needs a start and an end, like `0.2-0.9`\n  help: write the bar's name, then its "
                + "start and end in seconds: `search 0.2-0.9`"
        ),
        (
            "search -0.3",
            "content/03-x/note.md:40:8: error: a bar needs a start and an end, like `0.2-0.9`\n  help: write the bar's name, then its "
                + "start and end in seconds: `search 0.2-0.9`"
        ),
        (
            "\"fetch doc 0-1",
            "content/03-x/note.md:40:1: error: this quote is never closed\n  help: end the quoted text with `\"` on the same line"
        ),
        (
            "group Parallel\ngroup Sequential\na 0-1",
            "content/03-x/note.md:40:1: error: group `Parallel` has no bars\n  help: add bars under it, like `search 0-0.45`, or remove "
                + "the line"
        ),
        (
            "group",
            "content/03-x/note.md:40:6: error: a group needs a name, like `group Parallel`\n  help: write the name after `group`; it is "
                + "shown left of the group's bars"
        ),
        (
            "a 0-1.15\naxis 1",
            "content/03-x/note.md:41:6: error: the axis ends at 1.00 s, before `a` ends at 1.15 s\n  help: make it `axis 1.15` or more, or "
                + "remove the line to fit the axis to the bars"
        ),
        ("a 0-1\naxis 2\naxis 3", "content/03-x/note.md:42:1: error: `axis` is given twice\n  help: keep one `axis` line"),
        (
            "a 0-1\naxis",
            "content/03-x/note.md:41:5: error: `axis` needs the time where the axis ends, like `axis 1.5`\n  help: times are in seconds; "
                + "the axis always starts at 0"
        ),
        (
            "a 0-1\naxis 0.5-2",
            "content/03-x/note.md:41:6: error: the axis always starts at 0\n  help: give only where it ends, like `axis 2`"
        ),
        (
            "# only a comment\n",
            "content/03-x/note.md:39:1: error: a `lanes` block needs at least one bar\n  help: add a line with a name and a start and end "
                + "in seconds, like `search 0-0.45`"
        ),
    ])
    func badLineGivesExactDiagnostic(text: String, expected: String) {
        #expect(errors(text) == expected)
    }

    @Test func columnsCountFromTheFenceColumnAndIndentation() {
        let indented = NotesDiagnostics.SourceLocation(path: "n.md", line: 7, column: 3)
        #expect(errors("    search 0.2-x", at: indented).hasPrefix("n.md:7:18: error: `x` is not a number of seconds"))
    }

    @Test func unknownLanguageIsReportedAtTheFence() {
        #expect(throws: DiagnosticList.self) { try Diagram.parse(language: "gantt", text: "a 0-1", bodyStart: start) }
    }

    private func errors(_ text: String, at location: NotesDiagnostics.SourceLocation = DiagramFixture.start) -> String {
        do throws(DiagnosticList) {
            _ = try Diagram.parse(language: "lanes", text: text, bodyStart: location)
            return "parsed without errors"
        } catch {
            return error.description
        }
    }

    private func documentedErrorExample() throws -> String {
        let docs = String(decoding: try Data(contentsOf: repositoryRoot().appendingPathComponent("docs/diagrams.md")), as: UTF8.self)
        let start = try #require(docs.range(of: "```text\ncontent/03-x/note.md:41:12"))
        let body = docs[docs.index(start.lowerBound, offsetBy: 8)...]
        return String(body[..<(try #require(body.range(of: "\n```"))).lowerBound])
    }
}
