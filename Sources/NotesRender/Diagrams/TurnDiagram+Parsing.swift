import NotesDiagnostics

extension TurnDiagram {
    /// Parses the body of a `turn` fence (syntax in docs/diagrams.md), collecting every problem.
    static func parse(_ text: String, bodyStart: SourceLocation) throws(DiagnosticList) -> TurnDiagram {
        let source = DiagramSource(text: text, bodyStart: bodyStart)
        var problems = source.problems
        var seen: Set<String> = []
        var diagram = TurnDiagram(turnLabel: defaultTurnLabel, calls: [], nextLabel: defaultNextLabel)
        for line in source.lines {
            switch line.keyword(at: 0) {
            case let keyword? where keyword == "turn" || keyword == "next":
                let label = line.rest(from: 1)
                let isTurn = keyword == "turn"
                if label.isEmpty {
                    problems.append(
                        Diagnostic(
                            at: line.endLocation, "`\(keyword)` needs a label, like `\(keyword) Step \(isTurn ? 2 : 3)`",
                            help:
                                "write the box's text after `\(keyword)`, or remove the line to keep "
                                + "\"\(isTurn ? defaultTurnLabel : defaultNextLabel)\""
                        ))
                } else if seen.contains(keyword) {
                    problems.append(Diagnostic(at: line.start, "`\(keyword)` is given twice", help: "keep one `\(keyword)` line"))
                } else if isTurn {
                    diagram.turnLabel = label
                } else {
                    diagram.nextLabel = label
                }
                seen.insert(keyword)
            case "call":
                guard line.words.count >= 2 else {
                    problems.append(
                        Diagnostic(
                            at: line.endLocation, "a call needs a tool name, like `call check_calendar james@abc.com`",
                            help: "write the tool's name after `call`, then optionally a short note on its input"))
                    continue
                }
                diagram.calls.append(Call(name: line.words[1].text, detail: line.rest(from: 2)))
            default:
                let word = line.words[0]
                let guess = word.isQuoted ? nil : DiagramSource.suggestion(for: word.text, among: ["turn", "call", "next"])
                problems.append(
                    Diagnostic(
                        at: line.location(of: word), "unknown line `\(word.text)`; a `turn` block has `turn`, `call` and `next` lines",
                        help: guess.map { "did you mean `\($0)`?" } ?? "write `call NAME DETAIL` for each tool_use block"))
            }
        }
        if diagram.calls.isEmpty, problems.isEmpty {
            problems.append(
                Diagnostic(
                    at: DiagramSource.fenceLocation(bodyStart), "a `turn` block needs at least one `call`",
                    help: "add a line per tool_use block, like `call check_calendar james@abc.com`"))
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        return diagram
    }
}
