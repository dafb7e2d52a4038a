import NotesRender
import Testing

/// JSON's hard cases, each with the exact HTML expected.
@Suite struct HighlightJSONTests {
    let highlighter = SyntaxHighlighter()

    private func json(_ code: String) -> String {
        highlighter.highlight(code, language: "json")
    }

    @Test func keysAreToldFromValuesByTheColonThatFollows() {
        #expect(
            json("{\"a\" :\n \"b\", \"c\": [\"d\"]}") == #"""
                {<span class="hl-p">&quot;a&quot;</span> :
                 <span class="hl-s">&quot;b&quot;</span>, <span class="hl-p">&quot;c&quot;</span>: [<span class="hl-s">&quot;d&quot;</span>]}
                """#)
    }

    @Test func escapesInKeysAndValues() {
        #expect(
            json(#"{"a\"b": "\u00e9\n\/"}"#) == #"""
                {<span class="hl-p">&quot;a<span class="hl-e">\&quot;</span>b&quot;</span>: <span class="hl-s">&quot;<span class="hl-e">\u00e9</span><span class="hl-e">\n</span><span class="hl-e">\/</span>&quot;</span>}
                """#)
    }

    @Test func numbersAndLiterals() {
        #expect(
            json("[-1, 0.5, 2e10, 1E-3, true, false, null]") == #"""
                [<span class="hl-n">-1</span>, <span class="hl-n">0.5</span>, <span class="hl-n">2e10</span>, <span class="hl-n">1E-3</span>, <span class="hl-l">true</span>, <span class="hl-l">false</span>, <span class="hl-l">null</span>]
                """#)
    }

    @Test func invalidInputIsToleratedAndStaysPlain() {
        #expect(
            json("{\"a\": tru, 'x', \"open\n\"b\": - 1 // note\n}") == #"""
                {<span class="hl-p">&quot;a&quot;</span>: tru, 'x', <span class="hl-s">&quot;open</span>
                <span class="hl-p">&quot;b&quot;</span>: - <span class="hl-n">1</span> <span class="hl-c">// note</span>
                }
                """#)
    }
}
