import NotesRender
import Testing

/// Swift's hard cases, each with the exact HTML expected.
@Suite struct HighlightSwiftTests {
    let highlighter = SyntaxHighlighter()

    private func swift(_ code: String) -> String {
        highlighter.highlight(code, language: "swift")
    }

    @Test func interpolationMayHoldStringsAndParentheses() {
        #expect(
            swift(#"let s = "a\(f("b)", (1)))c\t""#) == #"""
                <span class="hl-k">let</span> s <span class="hl-o">=</span> <span class="hl-s">&quot;a<span class="hl-e">\(f(&quot;b)&quot;, (1)))</span>c<span class="hl-e">\t</span>&quot;</span>
                """#)
    }

    @Test func multiLineStringIsClosedAndReopenedOnEachLine() {
        #expect(
            swift("x = \"\"\"\n  \"q\" \\(n)\n  \"\"\"") == #"""
                x <span class="hl-o">=</span> <span class="hl-s">&quot;&quot;&quot;</span>
                <span class="hl-s">  &quot;q&quot; <span class="hl-e">\(n)</span></span>
                <span class="hl-s">  &quot;&quot;&quot;</span>
                """#)
    }

    @Test func rawStringEndsOnlyAtItsHashesAndEscapesWithThem() {
        #expect(
            swift(###"#"a\n "b"\#(x)"# + ##"c"#"##"###) == ##"""
                <span class="hl-s">#&quot;a\n &quot;b&quot;<span class="hl-e">\#(x)</span>&quot;#</span> <span class="hl-o">+</span> <span class="hl-s">##&quot;c&quot;#&quot;##</span>
                """##)
    }

    @Test func blockCommentsNest() {
        #expect(swift("/* a /* b */ c */ d") == #"<span class="hl-c">/* a /* b */ c */</span> d"#)
    }

    @Test func attributesDirectivesAndMacros() {
        #expect(
            swift("@MainActor\n#if DEBUG\n#expect(x)\n#endif") == #"""
                <span class="hl-d">@MainActor</span>
                <span class="hl-k">#if</span> <span class="hl-t">DEBUG</span>
                <span class="hl-d">#expect</span>(x)
                <span class="hl-k">#endif</span>
                """#)
    }

    @Test func numbersWithUnderscoresRadixesAndExponents() {
        #expect(
            swift("[1_000, 0x1F, 0xFF_FF, 0b1, 0o7, 1.5e-3, 0x1p4, 1.description]") == #"""
                [<span class="hl-n">1_000</span>, <span class="hl-n">0x1F</span>, <span class="hl-n">0xFF_FF</span>, <span class="hl-n">0b1</span>, <span class="hl-n">0o7</span>, <span class="hl-n">1.5e-3</span>, <span class="hl-n">0x1p4</span>, <span class="hl-n">1</span>.description]
                """#)
    }

    @Test func contextualKeywordsOnlyWhereUsedAsKeywords() {
        #expect(
            swift("open class C { var open = x.get; lazy var y: some P { get set } }") == #"""
                <span class="hl-k">open</span> <span class="hl-k">class</span> <span class="hl-t">C</span> { <span class="hl-k">var</span> open <span class="hl-o">=</span> x.get; <span class="hl-k">lazy</span> <span class="hl-k">var</span> y: <span class="hl-k">some</span> <span class="hl-t">P</span> { <span class="hl-k">get</span> <span class="hl-k">set</span> } }
                """#)
    }

    @Test func declarationsCallsAndLabels() {
        #expect(
            swift("func run(for x: Int) async throws -> Bool { helper(for: x); return print(x) == nil }") == #"""
                <span class="hl-k">func</span> <span class="hl-f">run</span>(for x: <span class="hl-t">Int</span>) <span class="hl-k">async</span> <span class="hl-k">throws</span> <span class="hl-o">-&gt;</span> <span class="hl-t">Bool</span> { <span class="hl-f">helper</span>(for: x); <span class="hl-k">return</span> <span class="hl-b">print</span>(x) <span class="hl-o">==</span> <span class="hl-l">nil</span> }
                """#)
    }

    @Test func lowercaseTypeNameAfterStruct() {
        #expect(
            swift("struct point {}; enum e {}") == #"""
                <span class="hl-k">struct</span> <span class="hl-t">point</span> {}; <span class="hl-k">enum</span> <span class="hl-t">e</span> {}
                """#)
    }
}
