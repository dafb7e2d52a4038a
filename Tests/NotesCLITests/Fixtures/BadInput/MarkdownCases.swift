import Foundation

// The Markdown body: nesting far past what a page can show, raw HTML, huge lines, odd bytes.
extension BadInputCase {
    static let markdownCases: [BadInputCase] = {
        let x = Corpus.x
        let nests = "error: the Markdown nests more than 100 levels deep here"
        func repeated(_ text: String, _ count: Int) -> String { String(repeating: text, count: count) }
        return [
            BadInputCase(
                name: "markdown-50000-nested-blockquotes", edits: [.xNote(repeated(">", 50_000) + " deep\n")],
                expect: ["\(x):6:101: \(nests)"]),
            BadInputCase(
                name: "markdown-20000-spaced-blockquotes", edits: [.xNote(repeated("> ", 20_000) + "deep\n")],
                expect: ["\(x):6:201: \(nests)"]),
            BadInputCase(
                name: "markdown-blockquotes-one-per-line",
                edits: [.xNote((1...5000).map { repeated(">", $0) + " q\n" }.joined())],
                expect: ["\(x):"], oneOf: [nests]),
            BadInputCase(
                name: "markdown-3000-indented-list-levels",
                edits: [.xNote((0..<3000).map { repeated("  ", $0) + "- x\n" }.joined())],
                expect: ["\(x):55:101: \(nests)"]),
            BadInputCase(
                name: "markdown-5000-list-markers-on-one-line", edits: [.xNote(repeated("- ", 5000) + "x\n")],
                expect: ["\(x):6:101: \(nests)"]),
            BadInputCase(
                name: "markdown-5000-ordered-list-markers", edits: [.xNote(repeated("1. ", 5000) + "x\n")],
                expect: ["\(x):6:151: \(nests)"]),
            BadInputCase(
                name: "markdown-mixed-quotes-and-lists", edits: [.xNote(repeated("> - ", 3000) + "x\n")],
                expect: ["\(x):6:"], oneOf: [nests]),
            BadInputCase(
                name: "markdown-20000-nested-emphasis",
                edits: [.xNote(repeated("*", 20_000) + "x" + repeated("*", 20_000) + "\n")], expect: ["\(x):6:1: \(nests)"]),
            BadInputCase(
                name: "markdown-alternating-emphasis",
                edits: [.xNote(repeated("*a _b ", 10_000) + "x" + repeated("_ c* ", 10_000) + "\n")],
                expect: ["\(x):6:"], oneOf: [nests]),
            BadInputCase(
                name: "markdown-20000-nested-links",
                edits: [.xNote(repeated("[", 20_000) + "x" + repeated("](u)", 20_000) + "\n")], status: 0),
            BadInputCase(
                name: "markdown-links-inside-emphasis",
                edits: [.xNote(repeated("**[*", 5000) + "x" + repeated("*](u)**", 5000) + "\n")], status: 0),
            BadInputCase(
                name: "markdown-nested-images", edits: [.xNote(repeated("![", 10_000) + "x" + repeated("](i.png)", 10_000) + "\n")],
                expect: ["\(x):6:"], oneOf: [nests]),
            BadInputCase(
                name: "markdown-raw-html-script",
                edits: [.xNote("<script>alert(1)</script>\n\n<div onclick=\"x()\">hi</div>\n\n<!-- unclosed comment\n")], status: 0),
            BadInputCase(
                name: "markdown-5000-unclosed-divs", edits: [.xNote(repeated("<div>", 5000) + "\n\ntext\n")], status: 0),
            BadInputCase(name: "markdown-2mb-line", edits: [.xNote(repeated("word ", 400_000) + "\n")], status: 0),
            BadInputCase(name: "markdown-100k-heading", edits: [.xNote("# " + repeated("a", 100_000) + "\n")], status: 0),
            BadInputCase(name: "markdown-50000-backticks", edits: [.xNote(repeated("`", 50_000) + "\n")], status: 0),
            BadInputCase(
                name: "markdown-5000-identical-headings", edits: [.xNote(repeated("# Same\n\n", 5000))], status: 0),
            BadInputCase(
                name: "markdown-20000-reference-links",
                edits: [
                    .xNote(
                        (0..<20_000).map { "[l\($0)]: /u\($0)\n" }.joined() + "\n"
                            + (0..<20_000).map { "[l\($0)]" }.joined(separator: " ") + "\n")
                ], status: 0),
            BadInputCase(name: "markdown-unclosed-fence", edits: [.xNote("```python\nprint(1)\n")], status: 0),
            BadInputCase(
                name: "markdown-control-characters", edits: [.xNote("a\u{01}\u{02}\u{1B}[31mred\u{7F} and a NUL \u{0} here\n")],
                status: 0),
            BadInputCase(
                name: "markdown-invalid-utf8-at-line-8",
                edits: [.write(x, Corpus.inserting([0xFF, 0xFE], before: " bad", in: Corpus.front + "para\n\nok bad\n"))],
                expect: ["\(x):8:3: error: the file is not UTF-8 text"]),
            BadInputCase(
                name: "markdown-truncated-utf8-sequence-at-end",
                edits: [.transform(Corpus.seed) { $0 + Data([0xE2, 0x80]) }],
                expect: ["\(Corpus.seed):67:1: error: the file is not UTF-8 text"]),
            BadInputCase(
                name: "markdown-overlong-utf8-encoding",
                edits: [.write(x, Corpus.inserting([0xC0, 0xAF], before: "end", in: Corpus.front + "end\n"))],
                expect: ["\(x):6:1: error: the file is not UTF-8 text"]),
            BadInputCase(
                name: "markdown-utf16-file",
                edits: [.write(x, (Corpus.front + "Body.\n").data(using: .utf16LittleEndian)!)],
                expect: ["\(x):1:"], reject: ["did you forget to add `---`?"]),
        ]
    }()
}
