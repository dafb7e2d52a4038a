import NotesDiagnostics
import NotesMarkdown
import Testing

@Suite struct NoteParserTests {
    let parser = NoteParser()
    let path = "content/03-x/note.md"

    func message(_ text: String) -> String {
        do {
            _ = try parser.parse(text, path: path)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func readsEveryFrontMatterField() throws {
        let note = try parser.parse(
            """
            ---
            number: 3
            title: "Do it all at once: parallel tool calls"
            dek: Fast agents.
            date: 2026-04-26
            tags: [agents, tool-use]
            author: Ben
            draft: true
            reading_time: 6
            extra:
              series: basics
            ---
            Body.
            """, path: path)
        let front = note.frontMatter
        #expect(front.number == 3)
        #expect(front.title == "Do it all at once: parallel tool calls")
        #expect(front.dek == "Fast agents.")
        #expect(front.date == NoteDate(year: 2026, month: 4, day: 26))
        #expect(front.tags == ["agents", "tool-use"])
        #expect(front.author == "Ben")
        #expect(front.isDraft)
        #expect(front.readingTime == 6)
        #expect(front.extra == ["series": "basics"])
    }

    @Test func bodyLocationsCountFrontMatterLines() throws {
        let note = try parser.parse("---\ntitle: T\nnumber: 1\ndate: 2026-01-02\n---\n\n# Heading\n", path: path)
        #expect(note.document.blocks.first?.location == SourceLocation(path: path, line: 7, column: 1))
    }

    @Test func numberDefaultsToFolderPrefix() throws {
        let note = try parser.parse("---\ntitle: T\ndate: 2026-01-02\n---\n", path: path, defaultNumber: 3)
        #expect(note.frontMatter.number == 3)
    }

    @Test func missingFrontMatterIsAnErrorAtLineOne() {
        #expect(
            message("# Just a heading\n") == """
                content/03-x/note.md:1:1: error: missing front matter
                  help: did you forget to add `---`? Start the file with a line `---`, the fields (`title: ...`), then `---`
                """)
    }

    @Test func unclosedFrontMatterSaysSo() {
        #expect(
            message("---\ntitle: T\n# Heading\n") == """
                content/03-x/note.md:1:1: error: front matter is not closed
                  help: add a line `---` after the last field
                """)
    }

    @Test func badYAMLPointsAtTheLineInTheFile() {
        #expect(
            message("---\nnumber: 3\ntitle: Parallel: tools: here\ndate: 2026-04-26\n---\n") == """
                content/03-x/note.md:3:16: error: invalid YAML: mapping values are not allowed in this context
                  help: quote a value that contains `: ` or starts with a special character, e.g. title: "A: B"
                """)
    }

    /// YAML mistakes are reported where the author must look, with advice that fits: never "quote
    /// it" for a value that is quoted already. Line 1 is the opening `---`.
    @Test(arguments: [
        (
            "title: T\ndate: 2026-04-26\ndek: \"unclosed",
            """
            content/03-x/note.md:4:6: error: invalid YAML: the quote opened here is never closed
              help: close the quote on the same line it opens
            """
        ),
        (
            "title: T\ndek: 'unclosed\ndate: 2026-04-26",
            """
            content/03-x/note.md:3:6: error: invalid YAML: the quote opened here is never closed
              help: close the quote on the same line it opens
            """
        ),
        (
            "title: T\ndek: \"unclosed\ndate: \"2026-04-26\"",
            """
            content/03-x/note.md:3:6: error: invalid YAML: the quote opened here is not closed on its line, so the value runs on to line 4
              help: close the quote on the same line it opens
            """
        ),
        (
            "title: \"Parallel\" tool calls\ndate: 2026-04-26",
            """
            content/03-x/note.md:2:19: error: invalid YAML: text after the closing quote
              help: put the whole value inside the quotes; inside double quotes, write a quote as \\"
            """
        ),
        (
            "title: 'it's here'\ndate: 2026-04-26",
            """
            content/03-x/note.md:2:12: error: invalid YAML: text after the closing quote
              help: put the whole value inside the quotes; inside single quotes, write a quote as '' (it''s)
            """
        ),
        (
            "title: T\n\tdate: 2026-04-26",
            """
            content/03-x/note.md:3:1: error: invalid YAML: a tab in the indentation
              help: indent with spaces: YAML does not allow tabs here
            """
        ),
        (
            "title: T\n  date: 2026-04-26",
            """
            content/03-x/note.md:3:3: error: invalid YAML: this line is indented, so it reads as more of the value on line 2
              help: start the field at the beginning of the line; an indented line continues the value above it
            """
        ),
        (
            "title: T\ndate: 2026-04-26\ntags: [agents, tools",
            """
            content/03-x/note.md:4:7: error: invalid YAML: the list opened here is never closed
              help: close it with `]` on the same line it opens
            """
        ),
        (
            "title: T\ndate: 2026-04-26\ntags: [agents]]",
            """
            content/03-x/note.md:4:15: error: invalid YAML: text after the closing bracket
              help: put every entry inside the brackets, e.g. `tags: [a, b]`
            """
        ),
    ])
    func yamlMistakesAreLocatedWhereTheyAre(_ fields: String, _ expected: String) {
        #expect(message("---\n\(fields)\n---\nBody\n") == expected)
    }

    @Test func aliasesAreOldFolderNamesWhicheverWayTheyAreWritten() throws {
        let note = try parser.parse(
            "---\ntitle: T\nnumber: 3\ndate: 2026-04-26\naliases: [03-foo, /03-bar/, /notes/02-baz/, notes/01-q/index.html]\n---\n",
            path: path)
        #expect(note.frontMatter.aliases.map(\.folder) == ["03-foo", "03-bar", "02-baz", "01-q"])
        #expect(note.frontMatter.aliases.map(\.location.description).first == "content/03-x/note.md:5:11")
        let one = try parser.parse("---\ntitle: T\nnumber: 3\ndate: 2026-04-26\naliases: 03-foo\n---\n", path: path)
        #expect(one.frontMatter.aliases.map(\.folder) == ["03-foo"])
    }

    @Test func anAliasThatIsNotAFolderNameIsAnErrorWhereItIsWritten() {
        #expect(
            message("---\ntitle: T\nnumber: 3\ndate: 2026-04-26\naliases: [03-foo, old/path]\n---\n") == """
                content/03-x/note.md:5:19: error: the alias "old/path" is not an old address of a note
                  help: write the folder name the note had, e.g. `aliases: [03-old-name]` (or its path, `/notes/03-old-name/`)
                """)
        #expect(
            message("---\ntitle: T\nnumber: 3\ndate: 2026-04-26\naliases: [/]\n---\n").hasPrefix(
                "content/03-x/note.md:5:11: error: the alias"))
    }

    @Test func missingTitleIsReported() {
        #expect(
            message("---\nnumber: 3\ndate: 2026-04-26\n---\nBody\n") == """
                content/03-x/note.md:1:1: error: missing required field `title`
                  help: add a line `title: ...` between the `---` lines
                """)
    }

    @Test func badDatePointsAtTheDateLine() {
        #expect(
            message("---\nnumber: 3\ntitle: T\ndate: 2026-02-30\n---\n") == """
                content/03-x/note.md:4:1: error: invalid date "2026-02-30"
                  help: write the date as YYYY-MM-DD, e.g. `date: 2026-04-26`
                """)
    }

    @Test func unknownFieldSuggestsTheNearestOne() {
        #expect(
            message("---\nnumber: 3\ntitle: T\ndate: 2026-04-26\nreading_tme: 5\n---\n") == """
                content/03-x/note.md:5:1: error: unknown field `reading_tme`
                  help: did you mean `reading_time`? Custom fields go under `extra:`.
                """)
    }

    @Test func tagsMustBeAList() {
        #expect(
            message("---\nnumber: 3\ntitle: T\ndate: 2026-04-26\ntags: {a: b}\n---\n").hasPrefix(
                "content/03-x/note.md:5:7: error: `tags` must be a list"))
    }

    /// A tag names its page; one of punctuation alone would have no name (and all such would share
    /// one page), so it is an error at the tag itself.
    @Test func aTagWithoutALetterOrDigitIsAnErrorWhereItIsWritten() {
        #expect(
            message("---\nnumber: 3\ntitle: T\ndate: 2026-04-26\ntags: [agents, \".\"]\n---\n") == """
                content/03-x/note.md:5:16: error: the tag "." has no letter or digit to name its page
                  help: tags name pages (tags/<tag>/): use a word, e.g. `tags: [agents, tool-use]`
                """)
        #expect(message("---\nnumber: 3\ntitle: T\ndate: 2026-04-26\ntags: [C++, r_2, été]\n---\nBody\n") == "no error")
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let note = try parser.parse("\u{FEFF}---\r\ntitle: T\r\nnumber: 1\r\ndate: 2026-01-02\r\n---\r\nBody\r\n", path: path)
        #expect(note.frontMatter.title == "T")
    }
}
