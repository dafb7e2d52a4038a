import NotesRender
import NotesTestSupport
import Testing

/// Whatever the input, in every language: stripping the tags and unescaping gives the input back
/// exactly, no span crosses a newline, spans balance, none is empty, and every class is a known one.
@Suite struct HighlightPropertyTests {
    /// Every lexer, plus an unsupported name (escaped only).
    static let languages = ["python", "json", "shell", "console", "swift", "text"]

    let highlighter = SyntaxHighlighter()

    @Test(arguments: languages)
    func randomFragmentSoupRoundTrips(language: String) {
        var random = SeededRandom(seed: 0xF00D)
        for _ in 0..<1_500 {
            var input = ""
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                input += Self.fragments.randomElement(using: &random)!
            }
            guard verify(input, language) else { return }
        }
    }

    @Test(arguments: languages)
    func randomBytesDecodedLeniently(language: String) {
        var random = SeededRandom(seed: 0xBAD_B17E5)
        let special = Array("\"'\\{}()[]#$`/*@<>&\n\r\t :=;|-.0x".utf8)
        for _ in 0..<1_500 {
            let bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in
                Bool.random(using: &random) ? special.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            }
            // Invalid UTF-8 becomes U+FFFD here, as it would when a listing is read from disk.
            guard verify(String(decoding: bytes, as: UTF8.self), language) else { return }
        }
    }

    @Test(arguments: languages)
    func cutsOfRealListingsRoundTrip(language: String) throws {
        let listings = [
            try HighlightFixture.parallelTools(), HighlightSample.json, HighlightSample.shell,
            HighlightSample.console, HighlightSample.swift,
        ]
        for listing in listings {
            let bytes = Array(listing.utf8)
            // About 64 cuts a listing, at an odd stride, so they land inside strings, comments and
            // multi-byte characters alike.
            for cut in stride(from: 0, through: bytes.count, by: bytes.count / 64 | 1) {
                guard verify(String(decoding: bytes[..<cut], as: UTF8.self), language),
                    verify(String(decoding: bytes[cut...], as: UTF8.self), language)
                else { return }
            }
        }
    }

    @Test(arguments: languages)
    func unterminatedAndDeeplyNestedInputsRoundTrip(language: String) {
        let inputs = [
            "", "\\", "\"", "'", "\"\"\"", "'''", "f\"{", "f'''{\n", "#\"", "##\"\"\"\n", "/*", "/* /* */",
            "$(", "${", "$((", "`", "<<EOF\n", "<<EOF", "cat <<- 'X'\n\tbody\n", "\"\\(", "\"\\u{", "'\\N{",
            "x\\", "\\\n", "$ ", "# ", "$", "\u{0}", "\r\n\r\n", "é\\é", "\"\\🙂\"", "'''\\",
            String(repeating: "\"\\(", count: 2_000), String(repeating: "/*", count: 3_000),
            String(repeating: "$(", count: 2_000), String(repeating: "f'{", count: 1_000),
            String(repeating: "(", count: 10_000), String(repeating: "${", count: 1_000),
            String(repeating: "<<A ", count: 500) + "\nA\n",
        ]
        for input in inputs {
            guard verify(input, language) else { return }
        }
    }

    /// Records an issue and returns false when `input` breaks a property.
    private func verify(_ input: String, _ language: String) -> Bool {
        let html = highlighter.highlight(input, language: language)
        let reading = HighlightHTMLReading(html)
        var problems = reading.problems
        if reading.text != input { problems.append("text differs: \(reading.text.debugDescription)") }
        guard problems.isEmpty else {
            Issue.record("\(language) input \(input.debugDescription): \(problems.joined(separator: "; "))\n\(html)")
            return false
        }
        return true
    }

    /// Pieces that open, close and nest tokens in one language or another.
    static let fragments = [
        "\"", "'", "\"\"\"", "'''", "\\", "\\\\", "{", "}", "(", ")", "[", "]", "#", "$", "${", "$(", "$((", "`",
        "//", "/*", "*/", "@", "f\"", "rb'", "F'", "#\"", "\"#", "##\"", "\\(", "\\#(", "<<EOF\n", "<<-'X'\n",
        "EOF\n", "\tX\n", "\n", "\r\n", " ", "\t", "0x1F", "1_000", "1e-3", ".5", "1.5j", "é", "─", "🙂", "\u{301}",
        "&", "<", ">", "&amp;", "\u{0}", "def ", "class ", "func ", "if ", "then ", "fi", "case ", "in ", "esac",
        ";;", ";", "|", "&&", ":", ",", "=", "==", "true", "null", "None", "match ", "print(", "$ ", "# ", "x",
        "name", "\\u{", "\\N{", "\\x4", "-", "+", "->", "...", "[[", "]]", "get ", "open(", "@Main", "#if ",
    ]
}

/// Reads highlighter output back, byte by byte (so a combining mark after a tag cannot merge with
/// it): the text it shows and anything malformed about it.
struct HighlightHTMLReading {
    private(set) var text = ""
    private(set) var problems: [String] = []

    static let classes: Set<String> = [
        "hl-k", "hl-s", "hl-e", "hl-c", "hl-n", "hl-l", "hl-b", "hl-f", "hl-t", "hl-d", "hl-o", "hl-p", "hl-v",
        "hl-prompt", "hl-out",
    ]
    private static let entities: [([UInt8], UInt8)] = [
        (Array("&amp;".utf8), UInt8(ascii: "&")), (Array("&lt;".utf8), UInt8(ascii: "<")),
        (Array("&gt;".utf8), UInt8(ascii: ">")), (Array("&quot;".utf8), UInt8(ascii: "\"")),
    ]
    private static let openTag = Array("<span class=\"".utf8)
    private static let closeTag = Array("</span>".utf8)

    init(_ html: String) {
        let html = Array(html.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(html.count)
        var depth = 0
        var justOpened = false
        var index = 0
        // Plain loops rather than generic `starts(with:)`: the property tests read megabytes in debug builds.
        func has(_ literal: [UInt8]) -> Bool {
            guard index + literal.count <= html.count else { return false }
            for offset in 0..<literal.count where html[index + offset] != literal[offset] { return false }
            return true
        }
        while index < html.count {
            let byte = html[index]
            if byte == UInt8(ascii: "<"), has(Self.openTag) {
                let nameStart = index + Self.openTag.count
                var quote = nameStart
                while quote < html.count, html[quote] != UInt8(ascii: "\"") { quote += 1 }
                guard quote + 1 < html.count, html[quote + 1] == UInt8(ascii: ">") else {
                    problems.append("malformed tag")
                    return
                }
                let name = String(decoding: html[nameStart..<quote], as: UTF8.self)
                if !Self.classes.contains(name) { problems.append("unknown class \(name)") }
                depth += 1
                justOpened = true
                index = quote + 2
            } else if byte == UInt8(ascii: "<"), has(Self.closeTag) {
                if justOpened { problems.append("empty span") }
                depth -= 1
                if depth < 0 { problems.append("unbalanced </span>") }
                justOpened = false
                index += Self.closeTag.count
            } else if byte == UInt8(ascii: "&") {
                guard let (entity, value) = Self.entities.first(where: { has($0.0) }) else {
                    problems.append("bare &")
                    return
                }
                bytes.append(value)
                justOpened = false
                index += entity.count
            } else {
                if byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") {
                    problems.append("unescaped \(UnicodeScalar(byte))")
                }
                if byte == 0x0A, depth != 0 { problems.append("span crosses a newline") }
                bytes.append(byte)
                justOpened = false
                index += 1
            }
        }
        if depth != 0 { problems.append("\(depth) spans left open") }
        text = String(decoding: bytes, as: UTF8.self)
    }
}
