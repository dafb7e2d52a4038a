import Foundation
import NotesTestSupport

/// One mutant of the seed project: the note's bytes (and sometimes the listing's), with what was done.
struct Mutant: Sendable {
    var note: Data
    /// The runnable listing's bytes, when a mutation changed them.
    var listing: Data?
    /// What was done, in order, for the failure message.
    var steps: [String]
}

/// Mutates the seed note (`content/03-do-it-all-at-once/note.md`): front matter, fence attributes and
/// markers, diagram bodies, nesting depth, raw HTML, huge lines, random byte edits, truncation, and
/// duplicated, removed or swapped lines. The same seed always gives the same mutant.
struct SeedNoteMutator {
    let seedNote: Data
    let seedListing: Data

    init(repository: URL) throws {
        seedNote = try Data(contentsOf: repository.appendingPathComponent(Corpus.seed))
        seedListing = try Data(contentsOf: repository.appendingPathComponent(Corpus.seedListing))
    }

    func mutant(seed: UInt64) -> Mutant {
        var random = SeededRandom(seed: seed)
        var lines = Self.lines(seedNote)
        var listing: Data?
        var steps: [String] = []
        var tail: ((inout [UInt8], inout SeededRandom) -> String)?
        let count = random.pick([1, 1, 1, 2, 2, 3, 4])
        for _ in 0..<count {
            switch random.int(0..<13) {
            case 0, 1: steps.append(Self.frontMatter(&lines, &random))
            case 2, 3: steps.append(Self.fenceAttributes(&lines, &random))
            case 4: steps.append(Self.fenceMarkers(&lines, &random))
            case 5: steps.append(Self.diagramBody(&lines, &random))
            case 6: steps.append(Self.nesting(&lines, &random))
            case 7: steps.append(Self.rawHTMLOrHugeLine(&lines, &random))
            case 8: steps.append(Self.lineEdit(&lines, &random))
            case 9:
                var bytes = [UInt8](listing ?? seedListing)
                steps.append("listing: " + Self.byteEdits(&bytes, &random))
                listing = Data(bytes)
            case 10, 11: tail = { bytes, random in Self.byteEdits(&bytes, &random) }
            default: tail = { bytes, random in Self.truncate(&bytes, &random) }
            }
        }
        var bytes = Array(lines.joined(separator: [0x0A]))
        if let tail { steps.append(tail(&bytes, &random)) }
        return Mutant(note: Data(bytes), listing: listing, steps: steps)
    }

    // MARK: - Mutations

    static let junkValues = [
        "-1", "0", "99999", "1.5", "three", "", "~", "null", "true", "[a, {b: c}]", "{a: 1}", "[", "\"unterminated", "'x",
        "2026-02-30", "2026-13-01", "26/04/2026", "&anchor x", "*alias", "|\n  block", ">-", "\"\\xff\"", "@at", "`tick`",
        "# comment", "a: b: c", String(repeating: "x", count: 5000), "- item", "0x10", "1e3", "\t", "---",
    ]
    static let fieldNames = [
        "number", "title", "dek", "date", "tags", "author", "draft", "reading_time", "extra", "titel", "colour", "tag", "Date",
    ]

    static func frontMatter(_ lines: inout [[UInt8]], _ random: inout SeededRandom) -> String {
        let closing = lines.indices.dropFirst().first { lines[$0] == Array("---".utf8) } ?? 1
        let fieldLine = random.int(1..<max(2, closing))
        switch random.int(0..<7) {
        case 0:
            let value = random.pick(junkValues)
            let key = String(decoding: lines[fieldLine].prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self)
            lines[fieldLine] = Array("\(key): \(value)".utf8)
            return "front matter: line \(fieldLine + 1) `\(key)` = `\(value.prefix(40))`"
        case 1:
            lines.remove(at: fieldLine)
            return "front matter: removed line \(fieldLine + 1)"
        case 2:
            lines.insert(lines[fieldLine], at: fieldLine)
            return "front matter: duplicated line \(fieldLine + 1)"
        case 3:
            let field = "\(random.pick(fieldNames)): \(random.pick(junkValues))"
            lines.insert(Array(field.utf8), at: fieldLine)
            return "front matter: inserted `\(field.prefix(60))` at line \(fieldLine + 1)"
        case 4:
            let which = random.chance(0.5) ? 0 : closing
            lines.remove(at: which)
            return "front matter: removed the `---` on line \(which + 1)"
        case 5:
            lines[fieldLine] = Array("number: \(random.int(-3...10_010))".utf8)
            return "front matter: line \(fieldLine + 1) set to a random number"
        default:
            lines.insert(Array("extra:".utf8), at: fieldLine)
            let depth = random.pick([2, 50, 200, 2000])
            lines.insert(
                Array(("  x: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8), at: fieldLine + 1)
            return "front matter: nested YAML depth \(depth) at line \(fieldLine + 1)"
        }
    }

    static let attributes = [
        "run", "tools=run_tool", "tools=", "file=parallel_tools.py", "file=../x.py", "file=/etc/passwd", "file=runs", "file=",
        "file=note.md", "file=\"with space.py\"", "from=parallel_tools.py", "from=nope.py", "step=2", "step=0", "step=-1",
        "step=99", "step=x", "caption=\"x", "caption='y'", "caption=\"", "args=\"--a\"", "figure", "colour=red", "run=yes",
        "caption=\"*a* [l](u) `c`\"", "=", "==", "\"", "'",
    ]
    static let languages = ["python", "sh", "bash", "lanes", "turn", "text", "json", "", "PYTHON", "swift", "console", "ruby", "~~~"]

    static func fenceLines(_ lines: [[UInt8]]) -> [Int] {
        lines.indices.filter { lines[$0].starts(with: Array("```".utf8)) || lines[$0].starts(with: Array("~~~".utf8)) }
    }

    static func fenceAttributes(_ lines: inout [[UInt8]], _ random: inout SeededRandom) -> String {
        let fences = fenceLines(lines).filter { lines[$0].count > 3 }
        guard let line = fences.isEmpty ? nil : random.pick(fences) else { return "fence attributes: no fence left" }
        let marker = Array(lines[line].prefix(3))
        var words = String(decoding: lines[line].dropFirst(3), as: UTF8.self).split(separator: " ").map(String.init)
        var what: String
        switch random.int(0..<5) {
        case 0 where !words.isEmpty:
            let index = random.int(0..<words.count)
            what = "removed `\(words.remove(at: index).prefix(30))`"
        case 1 where !words.isEmpty:
            let index = random.int(0..<words.count)
            words.insert(words[index], at: index)
            what = "duplicated `\(words[index].prefix(30))`"
        case 2:
            if words.isEmpty { words = [""] }
            words[0] = random.pick(languages)
            what = "language `\(words[0])`"
        default:
            let attribute = random.pick(attributes)
            words.insert(attribute, at: random.int(min(1, words.count)...words.count))
            what = "added `\(attribute)`"
        }
        lines[line] = marker + Array(words.joined(separator: " ").utf8)
        return "fence on line \(line + 1): \(what)"
    }

    static func fenceMarkers(_ lines: inout [[UInt8]], _ random: inout SeededRandom) -> String {
        let fences = fenceLines(lines)
        let line = fences.isEmpty ? random.int(0..<lines.count) : random.pick(fences)
        switch random.int(0..<4) {
        case 0:
            lines.remove(at: line)
            return "fence marker: removed line \(line + 1)"
        case 1:
            let rest = lines[line].drop { $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "~") }
            let marker = random.pick(["````", "~~~", "``", "~~~~", "```"])
            lines[line] = Array(marker.utf8) + rest
            return "fence marker: line \(line + 1) starts with `\(marker)`"
        case 2:
            let at = random.int(0...lines.count)
            lines.insert(Array(random.pick(["```", "~~~", "```python file=parallel_tools.py run", "```lanes", "```turn"]).utf8), at: at)
            return "fence marker: a stray fence at line \(at + 1)"
        default:
            lines[line] = Array(repeating: UInt8(ascii: " "), count: random.int(1...4)) + lines[line]
            return "fence marker: indented line \(line + 1)"
        }
    }

    static let diagramJunk = [
        "-", "0-", "-1", "nan", "1e9", "\"", "\"a b", "group", "axis", "axis 0.1", "axis -1", "model", "wait", "dashed", "call",
        "next", "turn", "9999999999-99999999999", "0.5-0.1", "0-0", ".5s-1.5s", "\\", "#",
    ]

    static func diagramBody(_ lines: inout [[UInt8]], _ random: inout SeededRandom) -> String {
        let fences = fenceLines(lines)
        guard let open = fences.first(where: { lines[$0].starts(with: Array("```lanes".utf8)) }) else { return "diagram: no lanes block" }
        let close = fences.first { $0 > open } ?? lines.count
        guard close > open + 1 else { return "diagram: empty" }
        let line = random.int((open + 1)..<close)
        var words = String(decoding: lines[line], as: UTF8.self).split(separator: " ").map(String.init)
        let junk = random.pick(diagramJunk)
        if words.isEmpty || random.chance(0.3) { words.append(junk) } else { words[random.int(0..<words.count)] = junk }
        if random.chance(0.2) {
            for index in 0..<random.pick([10, 300, 3000]) { lines.insert(Array("bar\(index) \(index)-\(index + 1)".utf8), at: line) }
            return "diagram: `\(junk)` on line \(line + 1) and many bars"
        }
        lines[line] = Array(words.joined(separator: " ").utf8)
        return "diagram: `\(junk)` on line \(line + 1)"
    }

    static func nesting(_ lines: inout [[UInt8]], _ random: inout SeededRandom) -> String {
        let depth = random.pick([1, 10, 99, 100, 101, 500, 5000, 20_000])
        let shapes: [(String, (Int) -> String)] = [
            ("blockquotes", { String(repeating: ">", count: $0) + " q" }),
            ("spaced blockquotes", { String(repeating: "> ", count: $0) + "q" }),
            ("list markers", { String(repeating: "- ", count: $0) + "x" }),
            ("ordered lists", { String(repeating: "1. ", count: $0) + "x" }),
            ("indented lists", { (0..<min($0, 2000)).map { String(repeating: "  ", count: $0) + "- x" }.joined(separator: "\n") }),
            ("emphasis", { String(repeating: "*", count: $0) + "x" + String(repeating: "*", count: $0) }),
            ("strong and emphasis", { String(repeating: "**_", count: $0 / 2) + "x" + String(repeating: "_**", count: $0 / 2) }),
            ("links", { String(repeating: "[", count: $0) + "x" + String(repeating: "](u)", count: $0) }),
            ("images", { String(repeating: "![", count: $0) + "x" + String(repeating: "](i.png)", count: $0) }),
            ("quotes and lists", { String(repeating: "> - ", count: $0) + "x" }),
            ("html", { String(repeating: "<div>", count: $0) }),
        ]
        let (name, make) = random.pick(shapes)
        let at = random.int(0...lines.count)
        lines.insert(Array(make(depth).utf8), at: at)
        return "nesting: \(depth) \(name) at line \(at + 1)"
    }

    static let htmlSnippets = [
        "<script>alert(1)</script>", "<!-- unclosed comment", "<div>", "</div></div>", "<?php x ?>", "<![CDATA[ x", "<style>*{}</style>",
        "<a href=\"javascript:x\">a</a>", "&amp; &#0; &#xFFFFFF; &bogus;", "<iframe src=x>", "<img src=x onerror=y>",
    ]

    static func rawHTMLOrHugeLine(_ lines: inout [[UInt8]], _ random: inout SeededRandom) -> String {
        let at = random.int(0...lines.count)
        if random.chance(0.5) {
            let html = random.pick(htmlSnippets)
            lines.insert(Array(html.utf8), at: at)
            return "raw HTML `\(html)` at line \(at + 1)"
        }
        let unit = random.pick(["a", "word ", "`", "*", "_", "[", "<", "&", "\\", "|", "é", "💥", "#"])
        let length = random.pick([1000, 20_000, 200_000])
        lines.insert(Array(String(repeating: unit, count: length / unit.utf8.count).utf8), at: at)
        return "huge line of `\(unit)` (\(length) bytes) at line \(at + 1)"
    }

    static func lineEdit(_ lines: inout [[UInt8]], _ random: inout SeededRandom) -> String {
        guard lines.count > 1 else { return "lines: too few" }
        let line = random.int(0..<lines.count)
        switch random.int(0..<4) {
        case 0:
            lines.remove(at: line)
            return "lines: removed line \(line + 1)"
        case 1:
            lines.insert(lines[line], at: line)
            return "lines: duplicated line \(line + 1)"
        case 2:
            let other = random.int(0..<lines.count)
            lines.swapAt(line, other)
            return "lines: swapped lines \(line + 1) and \(other + 1)"
        default:
            let end = min(lines.count, line + random.int(1...20))
            lines.insert(contentsOf: lines[line..<end], at: random.int(0...lines.count))
            return "lines: duplicated lines \(line + 1)-\(end)"
        }
    }

    static let interestingBytes: [UInt8] = [
        0x00, 0x0A, 0x0D, 0x09, 0x20, 0x22, 0x27, 0x2A, 0x2D, 0x3A, 0x3C, 0x3E, 0x5B, 0x5D, 0x5F, 0x60, 0x7E, 0x7F, 0x80, 0xBF,
        0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF8, 0xFE, 0xFF,
    ]

    static func byteEdits(_ bytes: inout [UInt8], _ random: inout SeededRandom) -> String {
        let edits = random.pick([1, 1, 2, 3, 5, 10, 50])
        var kinds: [String] = []
        for _ in 0..<edits where !bytes.isEmpty {
            let at = random.int(0..<bytes.count)
            let byte = random.chance(0.7) ? random.pick(interestingBytes) : UInt8.random(in: 0...255, using: &random)
            switch random.int(0..<3) {
            case 0: bytes[at] = byte
            case 1: bytes.insert(byte, at: at)
            default: bytes.remove(at: at)
            }
            if kinds.count < 3 { kinds.append("0x\(String(byte, radix: 16))@\(at)") }
        }
        return "bytes: \(edits) random edits (\(kinds.joined(separator: ", "))\(edits > 3 ? ", ..." : ""))"
    }

    static func truncate(_ bytes: inout [UInt8], _ random: inout SeededRandom) -> String {
        let keep = random.int(0...bytes.count)
        bytes.removeSubrange(keep...)
        return "truncated to \(keep) bytes"
    }

    static func lines(_ data: Data) -> [[UInt8]] {
        [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    }
}
