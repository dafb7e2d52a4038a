import NotesDiagnostics
import NotesRender
import Testing

/// `turn` fences: one model turn fanning out to its tool calls, the results funnelled into the next turn.
@Suite struct DiagramTurnTests {
    let start = DiagramFixture.start

    @Test func figureTwoIsOneTurnWithTwoCalendarChecks() throws {
        guard case .turn(let turn) = try DiagramFixture.figureTwo() else {
            Issue.record("not a turn")
            return
        }
        #expect(
            turn
                == TurnDiagram(
                    turnLabel: "Model turn (step 2)",
                    calls: [
                        .init(name: "check_calendar", detail: "email: james@abc.com"),
                        .init(name: "check_calendar", detail: "email: sarah@abc.com"),
                    ],
                    nextLabel: "Next turn (step 3)"))
    }

    @Test func labelsDefaultWhenOnlyCallsAreGiven() throws {
        let diagram = try Diagram.parse(language: "turn", text: "call list_emails\ncall \"odd name\"  a  b ", bodyStart: start)
        #expect(
            diagram
                == .turn(
                    TurnDiagram(
                        turnLabel: "Model turn", calls: [.init(name: "list_emails", detail: ""), .init(name: "odd name", detail: "a  b")],
                        nextLabel: "Next turn")))
    }

    @Test func callsFanOutFromTheTurnAndFunnelIntoOnePointOfTheNext() throws {
        let svg = try DiagramFixture.figureTwo().svg(title: "t", idPrefix: "f")
        let document = try #require(SVGDocument(svg))
        let turns = document.all("rect", class: "dg-model")
        let calls = document.all("rect", class: "dg-tool")
        #expect(turns.count == 2 && calls.count == 2)
        // Left to right: turn, calls (one above the other, same column), next turn.
        #expect(turns[0].number("x") + turns[0].number("width") < calls[0].number("x"))
        #expect(calls[0].number("x") == calls[1].number("x"))
        #expect(calls[0].number("y") + calls[0].number("height") < calls[1].number("y"))
        #expect(calls[0].number("x") + calls[0].number("width") < turns[1].number("x"))
        let arrows = document.all("path", class: "dg-arrow").compactMap { $0.attributes["d"] }
        #expect(arrows.count == 4)
        let fanStarts = Set(arrows.enumerated().filter { $0.offset.isMultiple(of: 2) }.map { $0.element.prefix { $0 != "C" } })
        let funnelEnds = Set(
            arrows.enumerated().filter { !$0.offset.isMultiple(of: 2) }.map {
                $0.element.split(separator: " ").suffix(2).joined(separator: " ")
            })
        #expect(fanStarts.count == 1 && funnelEnds.count == 1)
        let texts = document.all("text").map(\.text)
        #expect(texts.contains("tool_use check_calendar"))
        #expect(texts.contains("email: james@abc.com"))
        #expect(texts.contains("2 tool_use blocks") && texts.contains("2 tool_results together"))
        #expect(texts.contains("run at the same time"))
    }

    @Test func longTextIsCutAndTheDrawingWidensInsteadOfOverflowing() throws {
        let detail = String(repeating: "very long input ", count: 10)
        let svg = TurnDiagram(turnLabel: "T", calls: [.init(name: "tool", detail: detail)], nextLabel: "N").svg(title: "t", idPrefix: "f")
        let document = try #require(SVGDocument(svg))
        let cut = try #require(document.all("text").first { $0.text.hasSuffix("…") })
        #expect(cut.text.count < detail.count)
        let box = try #require(document.all("rect", class: "dg-tool").first)
        #expect(Double(cut.text.count) * 12 * 0.6 + 12 <= box.number("width"))
    }

    @Test(arguments: [
        (
            "cal check_calendar",
            "content/03-x/note.md:40:1: error: unknown line `cal`; a `turn` block has `turn`, `call` and `next` lines\n  help: did you "
                + "mean `call`?"
        ),
        (
            "call",
            "content/03-x/note.md:40:5: error: a call needs a tool name, like `call check_calendar james@abc.com`\n  help: write the "
                + "tool's name after `call`, then optionally a short note on its input"
        ),
        ("turn A\nturn B\ncall x", "content/03-x/note.md:41:1: error: `turn` is given twice\n  help: keep one `turn` line"),
        (
            "next\ncall x",
            "content/03-x/note.md:40:5: error: `next` needs a label, like `next Step 3`\n  help: write the box's text after `next`, or "
                + "remove the line to keep \"Next turn\""
        ),
        (
            "turn Step 2\n\n# nothing else",
            "content/03-x/note.md:39:1: error: a `turn` block needs at least one `call`\n  help: add a line per tool_use block, like `call "
                + "check_calendar james@abc.com`"
        ),
    ])
    func badLineGivesExactDiagnostic(text: String, expected: String) {
        #expect(errors(text) == expected)
    }

    @Test func everyProblemOfABlockIsReported() {
        let lines = errors("  foo\ncall\nturn A\nturn B\ncall ok").split(separator: "\n").filter { !$0.hasPrefix("  ") }
        #expect(
            lines == [
                "content/03-x/note.md:40:3: error: unknown line `foo`; a `turn` block has `turn`, `call` and `next` lines",
                "content/03-x/note.md:41:5: error: a call needs a tool name, like `call check_calendar james@abc.com`",
                "content/03-x/note.md:43:1: error: `turn` is given twice",
            ])
    }

    private func errors(_ text: String) -> String {
        do throws(DiagnosticList) {
            _ = try Diagram.parse(language: "turn", text: text, bodyStart: start)
            return "parsed without errors"
        } catch {
            return error.description
        }
    }
}
