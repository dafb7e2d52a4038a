import NotesRender
import Testing

/// Python's hard cases, each with the exact HTML expected.
@Suite struct HighlightPythonTests {
    let highlighter = SyntaxHighlighter()

    private func python(_ code: String) -> String {
        highlighter.highlight(code, language: "python")
    }

    @Test func tripleQuotedStringIsClosedAndReopenedOnEachLine() {
        #expect(
            python("s = \"\"\"a 'b'\n\nc\"\"\"") == #"""
                s <span class="hl-o">=</span> <span class="hl-s">&quot;&quot;&quot;a 'b'</span>

                <span class="hl-s">c&quot;&quot;&quot;</span>
                """#)
    }

    @Test func stringPrefixesInAnyCaseBelongToTheString() {
        #expect(
            python(#"rb'\d' Rb"x" u'é' BR"" x"s""#) == #"""
                <span class="hl-s">rb'\d'</span> <span class="hl-s">Rb&quot;x&quot;</span> <span class="hl-s">u'é'</span> <span class="hl-s">BR&quot;&quot;</span> x<span class="hl-s">&quot;s&quot;</span>
                """#)
    }

    @Test func rawStringKeepsBackslashesAndAnEscapedQuote() {
        #expect(
            python(#"r"a\"b\\" + 1"#) == #"""
                <span class="hl-s">r&quot;a\&quot;b\\&quot;</span> <span class="hl-o">+</span> <span class="hl-n">1</span>
                """#)
    }

    @Test func fStringFieldsAreEscapesAndMayHoldTheOtherQuote() {
        #expect(
            python(#"f"{d['k']!r:>{w}} {{x}}" fr'{a}\n'"#) == #"""
                <span class="hl-s">f&quot;<span class="hl-e">{d['k']!r:&gt;{w}}</span> <span class="hl-e">{{</span>x<span class="hl-e">}}</span>&quot;</span> <span class="hl-s">fr'<span class="hl-e">{a}</span>\n'</span>
                """#)
    }

    @Test func fStringFieldMayReuseTheOuterQuoteAsInPython312() {
        #expect(
            python(#"F"{x["a"]}" + 1"#) == #"""
                <span class="hl-s">F&quot;<span class="hl-e">{x[&quot;a&quot;]}</span>&quot;</span> <span class="hl-o">+</span> <span class="hl-n">1</span>
                """#)
    }

    @Test func escapesAreMarkedInsideStrings() {
        #expect(
            python(#"'\x41\u00e9\N{EM DASH}\101\'\q'"#) == #"""
                <span class="hl-s">'<span class="hl-e">\x41</span><span class="hl-e">\u00e9</span><span class="hl-e">\N{EM DASH}</span><span class="hl-e">\101</span><span class="hl-e">\'</span><span class="hl-e">\q</span>'</span>
                """#)
    }

    @Test func commentMayContainQuotes() {
        #expect(
            python("x = 1  # don't \"quote\"\ny = 'a'") == #"""
                x <span class="hl-o">=</span> <span class="hl-n">1</span>  <span class="hl-c"># don't &quot;quote&quot;</span>
                y <span class="hl-o">=</span> <span class="hl-s">'a'</span>
                """#)
    }

    @Test func hashInsideStringIsNotAComment() {
        #expect(python("'#x' # y") == #"<span class="hl-s">'#x'</span> <span class="hl-c"># y</span>"#)
    }

    @Test func numbersInEveryForm() {
        #expect(
            python("1_000 0x1F 0o7 0b1 1e-3 1.5j .5 1E+10 2.") == #"""
                <span class="hl-n">1_000</span> <span class="hl-n">0x1F</span> <span class="hl-n">0o7</span> <span class="hl-n">0b1</span> <span class="hl-n">1e-3</span> <span class="hl-n">1.5j</span> <span class="hl-n">.5</span> <span class="hl-n">1E+10</span> <span class="hl-n">2.</span>
                """#)
    }

    @Test func decoratorDefAndClassNames() {
        #expect(
            python("@app.route(\"/\")\nasync def index():\n    class Foo(Base): pass") == #"""
                <span class="hl-d">@app.route</span>(<span class="hl-s">&quot;/&quot;</span>)
                <span class="hl-k">async</span> <span class="hl-k">def</span> <span class="hl-f">index</span>():
                    <span class="hl-k">class</span> <span class="hl-t">Foo</span>(Base): <span class="hl-k">pass</span>
                """#)
    }

    @Test func atSignInsideAnExpressionIsMatrixMultiplication() {
        #expect(python("c = a @ b") == #"c <span class="hl-o">=</span> a <span class="hl-o">@</span> b"#)
    }

    @Test func softKeywordsOnlyAtStatementStart() {
        #expect(
            python("match cmd:\n    case [x]:\n        pass\nmatch = 1\nre.match(x)") == #"""
                <span class="hl-k">match</span> cmd:
                    <span class="hl-k">case</span> [x]:
                        <span class="hl-k">pass</span>
                match <span class="hl-o">=</span> <span class="hl-n">1</span>
                re.<span class="hl-f">match</span>(x)
                """#)
    }

    @Test func builtinsButNotAttributesOrKeywordArguments() {
        #expect(
            python("print(len(x), b.type, dict(type=1), True, None)") == #"""
                <span class="hl-b">print</span>(<span class="hl-b">len</span>(x), b.type, <span class="hl-b">dict</span>(type<span class="hl-o">=</span><span class="hl-n">1</span>), <span class="hl-l">True</span>, <span class="hl-l">None</span>)
                """#)
    }

    @Test func unterminatedStringEndsWithItsLine() {
        #expect(
            python("s = \"abc\nt = 1") == #"""
                s <span class="hl-o">=</span> <span class="hl-s">&quot;abc</span>
                t <span class="hl-o">=</span> <span class="hl-n">1</span>
                """#)
    }

    @Test func backslashNewlineContinuesAString() {
        #expect(
            python("'a\\\nb'") == #"""
                <span class="hl-s">'a<span class="hl-e">\</span></span>
                <span class="hl-s">b'</span>
                """#)
    }

    @Test func multiLineFStringFieldSpansLines() {
        #expect(
            python("f'''{\nx}'''") == #"""
                <span class="hl-s">f'''<span class="hl-e">{</span></span>
                <span class="hl-s"><span class="hl-e">x}</span>'''</span>
                """#)
    }
}
