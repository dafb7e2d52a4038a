import Testing

@testable import NotesRender

/// The public face: language names, escaping, and what the writer guarantees whatever a lexer does.
@Suite struct HighlightSyntaxHighlighterTests {
    let highlighter = SyntaxHighlighter()

    @Test(arguments: [
        ("python", HighlightLanguage.python), ("py", .python), ("python3", .python), ("PY", .python),
        ("json", .json), ("shell", .shell), ("sh", .shell), ("bash", .shell), ("zsh", .shell),
        ("console", .console), ("shell-session", .console), ("swift", .swift), ("Swift", .swift),
    ])
    func aliasesNameTheirLanguage(name: String, language: HighlightLanguage) {
        #expect(SyntaxHighlighter.language(for: name) == language)
    }

    @Test(arguments: ["", "ruby", "text", "pyton", "python 3"])
    func otherNamesAreUnsupported(name: String) {
        #expect(SyntaxHighlighter.language(for: name) == nil)
    }

    @Test func unsupportedLanguageIsOnlyEscaped() {
        #expect(highlighter.highlight("<a href=\"x\">&</a>\n", language: "html") == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;\n")
    }

    @Test(arguments: HighlightLanguage.allCases)
    func emptyInputGivesEmptyOutput(language: HighlightLanguage) {
        #expect(highlighter.highlight("", as: language) == "")
    }

    @Test func markupCharactersAreEscapedInsideTokens() {
        #expect(
            highlighter.highlight(#"'<&>"' # <b>"#, language: "python") == #"""
                <span class="hl-s">'&lt;&amp;&gt;&quot;'</span> <span class="hl-c"># &lt;b&gt;</span>
                """#)
    }

    @Test func writerMovesTagsOutOfTheMiddleOfACharacter() {
        // é is bytes 0-1 and 🙂 bytes 2-5: offsets 1 and 3 fall inside them.
        let html = Array("é🙂x".utf8).withUnsafeBufferPointer { input in
            var writer = HighlightWriter(input: input)
            writer.token(.keyword, from: 1, to: 3)
            return writer.finish()
        }
        #expect(html == #"é<span class="hl-k">🙂</span>x"#)
    }

    @Test func writerKeepsTheOutermostEightOfDeeperNesting() {
        let html = Array("0123456789".utf8).withUnsafeBufferPointer { input in
            var writer = HighlightWriter(input: input)
            for level in 0..<10 { writer.open(.string, at: level) }
            for level in 0..<10 { writer.close(at: 10 - level) }
            return writer.finish()
        }
        let span = #"<span class="hl-s">"#
        let expected = (0..<8).map { "\(span)\($0)" }.joined() + "89" + String(repeating: "</span>", count: 8)
        #expect(html == expected)
    }

    @Test func writerIgnoresOffsetsThatGoBackwards() {
        let html = Array("abcdef".utf8).withUnsafeBufferPointer { input in
            var writer = HighlightWriter(input: input)
            writer.token(.string, from: 2, to: 4)
            writer.token(.number, from: 1, to: 3)
            return writer.finish()
        }
        #expect(html == #"ab<span class="hl-s">cd</span>ef"#)
    }
}
