import Foundation

// Front matter: the `---` lines, YAML, fields, types, dates, numbers, encoding.
extension BadInputCase {
    static let frontMatterCases: [BadInputCase] = {
        let x = Corpus.x
        let seed = Corpus.seed
        return [
            BadInputCase(
                name: "front-matter-missing-opening-dashes", edits: [.write(x, "title: X\ndate: 2026-01-01\n\nBody.\n")],
                expect: ["\(x):1:1: error: missing front matter"]),
            BadInputCase(
                name: "front-matter-seed-without-opening-dashes", edits: [.transform(seed) { $0.dropFirst(4) }],
                expect: ["\(seed):1:1: error: missing front matter"]),
            BadInputCase(
                name: "front-matter-unclosed", edits: [.write(x, "---\ntitle: X\ndate: 2026-01-01\n\nBody.\n")],
                expect: ["\(x):1:1: error: front matter is not closed"]),
            BadInputCase(
                name: "front-matter-seed-unclosed", edits: [.replace(seed, "reading_time: 6\n---\n", "reading_time: 6\n\n")],
                expect: ["\(seed):1:1: error: front matter is not closed"]),
            BadInputCase(name: "front-matter-empty-file", edits: [.write(x, "")], expect: ["\(x):1:1: error:"]),
            BadInputCase(
                name: "front-matter-empty-block", edits: [.write(x, "---\n---\n\nBody.\n")],
                expect: ["\(x):1:1: error: missing required field `title`"]),
            BadInputCase(
                name: "front-matter-a-list-not-a-mapping", edits: [.xFront("- title\n- date")], expect: ["\(x):2:1: error:"]),
            BadInputCase(
                name: "front-matter-yaml-unclosed-bracket", edits: [.xFront("title: X\ndate: 2026-01-01\ntags: [a, b")],
                expect: ["\(x):4:7: error: invalid YAML: the list opened here is never closed", "help: close it with `]`"]),
            BadInputCase(
                name: "front-matter-yaml-unclosed-brace", edits: [.xFront("title: X\ndate: 2026-01-01\nextra: {a: 1")],
                expect: ["\(x):4:8: error: invalid YAML: the mapping opened here is never closed", "help: close it with `}`"]),
            BadInputCase(
                name: "front-matter-yaml-bad-indent", edits: [.xFront("title: X\n  bad: indent: here\ndate: 2026-01-01")],
                expect: ["\(x):3:3: error: invalid YAML: this line is indented, so it reads as more of the value on line 2"],
                reject: ["quote"]),
            BadInputCase(
                name: "front-matter-yaml-indented-field", edits: [.xFront("title: X\ndate: 2026-01-01\n  tags: [a]")],
                expect: ["\(x):4:3: error: invalid YAML: this line is indented", "help: start the field at the beginning of the line"],
                reject: ["quote"]),
            BadInputCase(
                name: "front-matter-yaml-tab-indent", edits: [.xFront("title: X\n\tdate: 2026-01-01")],
                expect: ["\(x):3:1: error: invalid YAML: a tab in the indentation", "help: indent with spaces"], reject: ["quote"]),
            BadInputCase(
                name: "front-matter-yaml-unclosed-double-quote", edits: [.xFront("title: X\ndate: 2026-01-01\ndek: \"unclosed")],
                expect: ["\(x):4:6: error: invalid YAML: the quote opened here is never closed", "help: close the quote on the same line"],
                reject: ["quote values", "quote a value"]),
            BadInputCase(
                name: "front-matter-yaml-unclosed-single-quote", edits: [.xFront("title: X\ndek: 'unclosed\ndate: 2026-01-01")],
                expect: ["\(x):3:6: error: invalid YAML: the quote opened here is never closed"], reject: ["quote values", "quote a value"]),
            BadInputCase(
                name: "front-matter-yaml-unclosed-quote-closed-by-the-next-line",
                edits: [.xFront("title: X\ndek: \"unclosed\ndate: \"2026-01-01\"")],
                expect: ["\(x):3:6: error: invalid YAML: the quote opened here is not closed on its line, so the value runs on to line 4"],
                reject: ["quote values", "quote a value"]),
            BadInputCase(
                name: "front-matter-yaml-text-after-a-quoted-value", edits: [.xFront("title: \"A quoted\" garbage\ndate: 2026-01-01")],
                expect: ["\(x):2:19: error: invalid YAML: text after the closing quote", "write a quote as \\\""],
                reject: ["quote values", "quote a value"]),
            BadInputCase(
                name: "front-matter-yaml-apostrophe-in-single-quotes", edits: [.xFront("title: 'it's here'\ndate: 2026-01-01")],
                expect: ["\(x):2:12: error: invalid YAML: text after the closing quote", "write a quote as '' (it''s)"],
                reject: ["quote values", "quote a value"]),
            BadInputCase(
                name: "front-matter-yaml-unknown-escape", edits: [.xFront("title: \"C:\\path\"\ndate: 2026-01-01")],
                expect: ["\(x):2:11: error: invalid YAML: unknown escape sequence", "write a backslash as \\\\"]),
            BadInputCase(
                name: "front-matter-yaml-deeply-nested-flow",
                edits: [.xFront("title: X\ndate: 2026-01-01\nextra: {a: " + String(repeating: "[", count: 100_000) + "}")],
                expect: ["\(x):4:"], reject: ["quote values that contain"]),
            BadInputCase(
                name: "front-matter-yaml-deeply-nested-block",
                edits: [
                    .xFront(
                        "title: X\ndate: 2026-01-01\nextra:\n"
                            + (0..<3000).map { String(repeating: " ", count: $0 + 1) + "k\($0):" }.joined(separator: "\n"))
                ],
                expect: ["\(x):"], reject: ["quote values that contain"]),
            BadInputCase(
                name: "front-matter-yaml-alias-bomb",
                edits: [
                    .xFront(
                        "title: X\ndate: 2026-01-01\nextra:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                            + "  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                            + "  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                            + "  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]")
                ],
                status: 0),
            BadInputCase(
                name: "front-matter-unknown-field-typo", edits: [.replace(seed, "title:", "titel:")],
                expect: ["\(seed):3:1: error: unknown field `titel`", "did you mean `title`?"]),
            BadInputCase(
                name: "front-matter-unknown-field", edits: [.xFront("title: X\ndate: 2026-01-01\ncolour: red")],
                expect: ["\(x):4:1: error: unknown field `colour`"]),
            BadInputCase(
                name: "front-matter-duplicate-key", edits: [.xFront("title: X\ndate: 2026-01-01\ntitle: Y")],
                expect: ["\(x):4:1: error:"]),
            BadInputCase(
                name: "front-matter-title-list", edits: [.xFront("title: [a, b]\ndate: 2026-01-01")],
                expect: ["\(x):2:8: error: `title` must be text"]),
            BadInputCase(
                name: "front-matter-title-missing", edits: [.xFront("date: 2026-01-01")],
                expect: ["\(x):1:1: error: missing required field `title`"]),
            BadInputCase(
                name: "front-matter-date-missing", edits: [.xFront("title: X")],
                expect: ["\(x):1:1: error: missing required field `date`"]),
            BadInputCase(
                name: "front-matter-date-month-13", edits: [.replace(seed, "date: 2026-04-26", "date: 2026-13-45")],
                expect: ["\(seed):5:1: error: invalid date \"2026-13-45\""]),
            BadInputCase(
                name: "front-matter-date-february-30", edits: [.xFront("title: X\ndate: 2026-02-30")],
                expect: ["\(x):3:1: error: invalid date \"2026-02-30\""]),
            BadInputCase(
                name: "front-matter-date-other-format", edits: [.xFront("title: X\ndate: 26/04/2026")],
                expect: ["\(x):3:1: error: invalid date \"26/04/2026\""]),
            // A value written over several lines (a block scalar, a quoted "\n") is shown with escapes,
            // so the error stays one line with its help under it.
            BadInputCase(
                name: "front-matter-date-block-scalar", edits: [.xFront("title: X\ndate: |\n  block\n  two")],
                expect: ["\(x):3:1: error: invalid date \"block\\ntwo\\n\"\n  help: write the date as YYYY-MM-DD"]),
            BadInputCase(
                name: "front-matter-tag-line-break", edits: [.xFront("title: X\ndate: 2026-01-01\ntags: [\"\\n\\t\"]")],
                expect: ["\(x):4:8: error: the tag \"\\n\\t\" has no letter or digit to name its page\n  help:"]),
            BadInputCase(
                name: "front-matter-alias-line-break", edits: [.xFront("title: X\ndate: 2026-01-01\naliases: [\"a\\nb\"]")],
                expect: ["\(x):4:11: error: the alias \"a\\nb\" is not an old address of a note\n  help:"]),
            BadInputCase(
                name: "front-matter-unknown-key-line-break", edits: [.xFront("title: X\ndate: 2026-01-01\n\"ti\\ntle\": 1")],
                expect: ["\(x):4:1: error: unknown field `ti\\ntle`\n  help:"]),
            BadInputCase(
                name: "front-matter-date-list", edits: [.xFront("title: X\ndate: [1]")], expect: ["\(x):3:7: error: `date` must be text"]),
            BadInputCase(
                name: "front-matter-number-negative", edits: [.replace(seed, "number: 3", "number: -1")],
                expect: ["\(seed):2:1: error: `number` must be between 0 and 9999, not -1"]),
            BadInputCase(
                name: "front-matter-number-too-large", edits: [.xFront("title: X\ndate: 2026-01-01\nnumber: 100000")],
                expect: ["\(x):4:1: error: `number` must be between 0 and 9999"]),
            BadInputCase(
                name: "front-matter-number-fraction", edits: [.xFront("title: X\ndate: 2026-01-01\nnumber: 1.5")],
                expect: ["\(x):4:9: error: `number` must be a whole number"]),
            BadInputCase(
                name: "front-matter-number-word", edits: [.xFront("title: X\ndate: 2026-01-01\nnumber: three")],
                expect: ["\(x):4:9: error: `number` must be a whole number"]),
            BadInputCase(
                name: "front-matter-number-taken-by-another-note", edits: [.xFront("title: X\ndate: 2026-01-01\nnumber: 3")],
                expect: ["note number 3 is also used by"], oneOf: ["\(x):4:", "\(seed):2:"]),
            BadInputCase(
                name: "front-matter-number-taken-through-folder-name",
                edits: [.write("content/03-other/note.md", Corpus.front + "Body.\n")],
                expect: ["note number 3 is also used by"], oneOf: ["content/03-other/note.md:1:1: error:", "\(seed):2:"]),
            BadInputCase(
                name: "front-matter-tags-entry-mapping", edits: [.xFront("title: X\ndate: 2026-01-01\ntags: [1, {a: b}]")],
                expect: ["\(x):4:11: error: each entry of `tags` must be text"]),
            BadInputCase(
                name: "front-matter-tag-too-long-for-a-file-name",
                edits: [.replace(seed, "tags: [agents, tool-use, fundamentals]", "tags: [agents, \(String(repeating: "x", count: 300))]")],
                expect: ["\(seed):6:"]),
            BadInputCase(
                name: "front-matter-draft-not-boolean", edits: [.xFront("title: X\ndate: 2026-01-01\ndraft: maybe")],
                expect: ["\(x):4:8: error: `draft` must be true or false"]),
            BadInputCase(
                name: "front-matter-reading-time-word", edits: [.replace(seed, "reading_time: 6", "reading_time: six")],
                expect: ["\(seed):8:15: error: `reading_time` must be a whole number"]),
            BadInputCase(
                name: "front-matter-reading-time-negative", edits: [.xFront("title: X\ndate: 2026-01-01\nreading_time: -5")],
                expect: ["\(x):4:1: error: `reading_time` must be at least 1"]),
            BadInputCase(
                name: "front-matter-dek-mapping", edits: [.xFront("title: X\ndate: 2026-01-01\ndek: {a: 1}")],
                expect: ["\(x):4:6: error: `dek` must be text"]),
            BadInputCase(
                name: "front-matter-author-list", edits: [.xFront("title: X\ndate: 2026-01-01\nauthor: [a]")],
                expect: ["\(x):4:9: error: `author` must be text"]),
            BadInputCase(
                name: "front-matter-extra-not-mapping", edits: [.xFront("title: X\ndate: 2026-01-01\nextra: 5")],
                expect: ["\(x):4:8: error: `extra` must be a mapping"]),
            BadInputCase(
                name: "front-matter-invalid-utf8-in-title",
                edits: [.write(x, Corpus.inserting([0xFF], before: "\ndate:", in: Corpus.front + "Body.\n"))],
                expect: ["\(x):2:9: error: the file is not UTF-8 text"]),
            BadInputCase(
                name: "front-matter-invalid-utf8-in-seed-dek",
                edits: [
                    .transform(seed) { data in
                        var data = data
                        data.insert(contentsOf: [0xC3, 0x28], at: data.range(of: Data("dek: \"".utf8))!.upperBound)
                        return data
                    }
                ],
                expect: ["\(seed):4:7: error: the file is not UTF-8 text"]),
            BadInputCase(
                name: "front-matter-control-character", edits: [.xFront("title: X\u{01}Y\ndate: 2026-01-01")],
                expect: ["\(x):2:9: error:"]),
            BadInputCase(
                name: "front-matter-nul-byte", edits: [.xFront("title: X\u{0}Y\ndate: 2026-01-01")],
                expect: ["\(x):2:9: error:"]),
            BadInputCase(
                name: "front-matter-byte-order-mark", edits: [.write(x, "\u{FEFF}" + Corpus.front + "Body.\n")], status: 0),
            BadInputCase(
                name: "front-matter-crlf-line-endings",
                edits: [.write(x, (Corpus.front + "Body.\n").replacingOccurrences(of: "\n", with: "\r\n"))], status: 0),
        ]
    }()
}
