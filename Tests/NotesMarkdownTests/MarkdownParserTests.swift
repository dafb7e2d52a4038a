import NotesDiagnostics
import NotesMarkdown
import Testing

@Suite struct MarkdownParserTests {
    let parser = MarkdownParser()

    @Test func smartPunctuationCurlsQuotesAndDashes() {
        let inlines = parser.parseInline("there's \"more\" -- and --- so...")
        #expect(inlines == [.text("there’s “more” – and — so…")])
    }

    @Test func fenceInfoKeepsAttributesWithColumns() throws {
        let document = parser.parse(
            "Intro\n\n```python file=parallel_tools.py caption=\"A ReAct loop\" run\n```\n", path: "n.md", firstLine: 10)
        let block = try #require(document.blocks.last)
        guard case .codeBlock(let code) = block.kind else {
            Issue.record("not a code block")
            return
        }
        #expect(block.location == SourceLocation(path: "n.md", line: 12, column: 1))
        #expect(code.info.language == "python")
        #expect(code.info["file"] == "parallel_tools.py")
        #expect(code.info["caption"] == "A ReAct loop")
        #expect(code.info["run"] == "")
        #expect(code.info.attribute("file")?.location == SourceLocation(path: "n.md", line: 12, column: 11))
        #expect(code.info.attribute("caption")?.location == SourceLocation(path: "n.md", line: 12, column: 34))
        #expect(code.isFenced)
        #expect(code.literal.isEmpty)
    }

    @Test func fenceInsideAListKeepsItsColumn() throws {
        let document = parser.parse("- item\n\n  ```sh figure caption='x'\n  ls\n  ```\n", path: "n.md")
        guard case .list(let list) = document.blocks[0].kind, case .codeBlock(let code) = list.items[0][1].kind else {
            Issue.record("unexpected tree \(document)")
            return
        }
        #expect(code.info.attribute("figure")?.location.column == 9)
        #expect(code.info["caption"] == "x")
        #expect(code.info.role == .figure)
    }

    @Test func unterminatedQuoteIsFlagged() {
        let info = FenceInfo(parsing: "python caption=\"oops", at: SourceLocation(path: "n.md", line: 3, column: 4))
        #expect(info.unterminatedQuoteAt == SourceLocation(path: "n.md", line: 3, column: 19))
    }

    @Test func indentedCodeIsNotFenced() {
        let document = parser.parse("Para\n\n    code\n", path: "n.md")
        guard case .codeBlock(let code) = document.blocks[1].kind else {
            Issue.record("no code")
            return
        }
        #expect(!code.isFenced)
        #expect(code.literal == "code\n")
    }

    @Test func buildsNestedInlines() {
        let document = parser.parse("A *b **c** [d](u \"t\")* `e` ![f](g.png)\n", path: "n.md")
        #expect(
            document.blocks[0].kind
                == .paragraph([
                    .text("A "),
                    .emphasis([.text("b "), .strong([.text("c")]), .text(" "), .link(destination: "u", title: "t", [.text("d")])]),
                    .text(" "), .code("e"), .text(" "), .image(source: "g.png", title: "", alt: [.text("f")]),
                ]))
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        let source = String(repeating: "> ", count: 5_000) + "deep\n"
        let document = parser.parse(source, path: "n.md")
        #expect(document.blocks.count == 1)
    }

    @Test func textThatLooksLikeABlockStaysInline() {
        #expect(parser.parseInline("1. Intro") == [.text("1. Intro")])
    }
}
