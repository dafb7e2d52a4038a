import NotesDiagnostics

extension LanesDiagram {
    /// Parses the body of a `lanes` fence (syntax in docs/diagrams.md), collecting every problem.
    static func parse(_ text: String, bodyStart: SourceLocation) throws(DiagnosticList) -> LanesDiagram {
        let source = DiagramSource(text: text, bodyStart: bodyStart)
        var problems = source.problems
        var groups: [Group] = []
        var groupLines: [SourceLocation] = []
        // Bar lines written under each group, readable or not: a group whose bars all have errors
        // is not also reported as empty.
        var barLines: [Int] = []
        var axis: (end: Double, location: SourceLocation)?
        for line in source.lines {
            switch line.keyword(at: 0) {
            case "group":
                let name = line.rest(from: 1)
                if name.isEmpty {
                    problems.append(
                        Diagnostic(
                            at: line.endLocation, "a group needs a name, like `group Parallel`",
                            help: "write the name after `group`; it is shown left of the group's bars"))
                }
                groups.append(Group(name: name, bars: []))
                groupLines.append(line.start)
                barLines.append(0)
            case "axis":
                guard let end = axisEnd(line, problems: &problems) else { continue }
                if axis != nil {
                    problems.append(Diagnostic(at: line.start, "`axis` is given twice", help: "keep one `axis` line"))
                }
                axis = (end, line.location(of: line.words[1]))
            default:
                if groups.isEmpty {
                    groups.append(Group(name: "", bars: []))
                    groupLines.append(line.start)
                    barLines.append(0)
                }
                barLines[barLines.count - 1] += 1
                guard let bar = bar(line, problems: &problems) else { continue }
                groups[groups.count - 1].bars.append(bar)
            }
        }
        for ((group, location), count) in zip(zip(groups, groupLines), barLines) where count == 0 && !group.name.isEmpty {
            problems.append(
                Diagnostic(
                    at: location, "group `\(group.name)` has no bars",
                    help: "add bars under it, like `search 0-0.45`, or remove the line"))
        }
        let bars = groups.flatMap(\.bars)
        if bars.isEmpty, problems.isEmpty {
            problems.append(
                Diagnostic(
                    at: DiagramSource.fenceLocation(bodyStart), "a `lanes` block needs at least one bar",
                    help: "add a line with a name and a start and end in seconds, like `search 0-0.45`"))
        }
        if let axis, let last = bars.max(by: { $0.end < $1.end }), last.end > axis.end + 1e-9 {
            problems.append(
                Diagnostic(
                    at: axis.location,
                    "the axis ends at \(SecondsText.duration(axis.end)), before `\(last.name)` ends at \(SecondsText.duration(last.end))",
                    help:
                        "make it `axis \(DecimalText.format(last.end, decimals: 3, trimZeros: true))` or more, or remove the line to fit "
                        + "the axis to the bars"
                ))
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        return LanesDiagram(groups: groups, axisEnd: axis?.end)
    }

    // MARK: - Lines

    /// `axis END` (or `axis 0-END`): where the axis ends, in seconds.
    private static func axisEnd(_ line: DiagramSource.Line, problems: inout [Diagnostic]) -> Double? {
        guard line.words.count >= 2 else {
            problems.append(
                Diagnostic(
                    at: line.endLocation, "`axis` needs the time where the axis ends, like `axis 1.5`",
                    help: "times are in seconds; the axis always starts at 0"))
            return nil
        }
        if line.words.count > 2 {
            problems.append(
                Diagnostic(
                    at: line.location(of: line.words[2]), "unexpected `\(line.words[2].text)` after the axis end",
                    help: "an axis line is `axis END`, like `axis 1.5`"))
        }
        let word = line.words[1]
        var text = Substring(word.text)
        var offset = word.offset
        if let dash = text.firstIndex(of: "-") {
            let start = text[..<dash]
            guard number(start) == 0 else {
                problems.append(
                    Diagnostic(
                        at: line.location(of: word), "the axis always starts at 0",
                        help: "give only where it ends, like `axis \(text[text.index(after: dash)...])`"))
                return nil
            }
            offset += start.utf8.count + 1
            text = text[text.index(after: dash)...]
        }
        guard let end = seconds(text, at: line.location(offset: offset), problems: &problems) else { return nil }
        guard end > 0 else {
            problems.append(
                Diagnostic(at: line.location(offset: offset), "the axis must end after 0 s", help: "write where it ends, like `axis 1.5`"))
            return nil
        }
        return end
    }

    /// `NAME START-END [STYLE]`.
    private static func bar(_ line: DiagramSource.Line, problems: inout [Diagnostic]) -> Bar? {
        let words = line.words
        let name = words[0]
        let example = "write the bar's name, then its start and end in seconds: `\(name.isQuoted ? "\"\(name.text)\"" : name.text) 0.2-0.9`"
        if !name.isQuoted, isTimes(name.text) {
            let guess = words.count > 1 ? words[1].text : "search"
            problems.append(
                Diagnostic(
                    at: line.location(of: name), "a bar starts with its name, then its times",
                    help: "write `\(guess) \(name.text)`"))
            return nil
        }
        guard words.count >= 2 else {
            if let keyword = DiagramSource.suggestion(for: name.text, among: ["group", "axis"]), !name.isQuoted {
                problems.append(
                    Diagnostic(at: line.location(of: name), "unknown keyword `\(name.text)`", help: "did you mean `\(keyword)`?"))
            } else {
                problems.append(Diagnostic(at: line.endLocation, "a bar needs a start and an end, like `0.2-0.9`", help: example))
            }
            return nil
        }
        let times = words[1]
        // `0-x` is a range with a bad number in it, not a name: it gets the more precise message.
        let looksLikeRange = times.text.contains("-") && times.text.first.map { $0.isNumber || $0 == "." } == true
        guard !times.isQuoted, isTimes(times.text) || looksLikeRange else {
            if let later = words.dropFirst(2).firstIndex(where: { !$0.isQuoted && isTimes($0.text) }) {
                let spaced = words[0..<later].map(\.text).joined(separator: " ")
                problems.append(
                    Diagnostic(
                        at: line.location(of: name), "a bar name with spaces needs quotes",
                        help: "write `\"\(spaced)\" \(words[later].text)`"))
            } else if !name.isQuoted, let keyword = DiagramSource.suggestion(for: name.text, among: ["group", "axis"]) {
                problems.append(
                    Diagnostic(at: line.location(of: name), "unknown keyword `\(name.text)`", help: "did you mean `\(keyword)`?"))
            } else {
                problems.append(Diagnostic(at: line.location(of: times), "a bar needs a start and an end, like `0.2-0.9`", help: example))
            }
            return nil
        }
        var style = Style.tool
        if words.count >= 3 {
            if let named = Style(rawValue: words[2].text.lowercased()), !words[2].isQuoted {
                style = named
            } else {
                problems.append(
                    Diagnostic(
                        at: line.location(of: words[2]), "unknown bar style `\(words[2].text)`",
                        help: "use `model` (solid), `tool` (hatched, the default) or `wait` (dashed outline)"))
            }
        }
        if words.count >= 4 {
            problems.append(
                Diagnostic(
                    at: line.location(of: words[3]), "unexpected `\(words[3].text)` after the bar's style",
                    help: "a bar line is `NAME START-END [STYLE]`; put a name with spaces in quotes"))
        }
        guard let dash = times.text.utf8.firstIndex(of: UInt8(ascii: "-")) else {
            problems.append(Diagnostic(at: line.location(of: times), "a bar needs a start and an end, like `0.2-0.9`", help: example))
            return nil
        }
        let startText = times.text[..<dash]
        let endText = times.text[times.text.index(after: dash)...]
        guard !startText.isEmpty, !endText.isEmpty else {
            problems.append(Diagnostic(at: line.location(of: times), "a bar needs a start and an end, like `0.2-0.9`", help: example))
            return nil
        }
        let start = seconds(startText, at: line.location(of: times), problems: &problems)
        let end = seconds(endText, at: line.location(offset: times.offset + startText.utf8.count + 1), problems: &problems)
        guard let start, let end else { return nil }
        guard end >= start else {
            problems.append(
                Diagnostic(
                    at: line.location(of: times), "the bar `\(name.text)` ends before it starts",
                    help: "write the earlier time first: `\(endText)-\(startText)`"))
            return nil
        }
        return Bar(name: name.text, start: start, end: end, style: style)
    }

    // MARK: - Times

    /// Whether a word looks like a time or a time range (`0.3`, `0.2-0.9`, `1s-2s`), as opposed to a name.
    private static func isTimes(_ word: String) -> Bool {
        word.contains { $0.isASCII && $0.isNumber } && word.allSatisfy { "0123456789.-s".contains($0) }
    }

    /// A number of seconds: digits with at most one point, optionally followed by `s`.
    private static func number(_ text: Substring) -> Double? {
        let digits = text.hasSuffix("s") ? text.dropLast() : text
        guard digits.contains(where: \.isNumber), digits.filter({ $0 == "." }).count <= 1,
            digits.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." })
        else { return nil }
        return Double(digits.hasPrefix(".") ? "0" + digits : String(digits))
    }

    private static func seconds(_ text: Substring, at location: SourceLocation, problems: inout [Diagnostic]) -> Double? {
        if let value = number(text) { return value }
        problems.append(
            Diagnostic(
                at: location, "`\(text)` is not a number of seconds",
                help: "write times as decimal seconds, like `0.25` or `1.5s`"))
        return nil
    }
}
