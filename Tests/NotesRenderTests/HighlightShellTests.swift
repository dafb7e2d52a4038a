import NotesRender
import Testing

/// Shell's hard cases, each with the exact HTML expected.
@Suite struct HighlightShellTests {
    let highlighter = SyntaxHighlighter()

    private func shell(_ code: String) -> String {
        highlighter.highlight(code, language: "sh")
    }

    @Test func hashStartsACommentOnlyAtAWordStart() {
        #expect(
            shell("echo a#b $# ${#x} # c") == #"""
                <span class="hl-b">echo</span> a#b <span class="hl-v">$#</span> <span class="hl-v">${#x}</span> <span class="hl-c"># c</span>
                """#)
    }

    @Test func singleQuotesHaveNoEscapesOrVariables() {
        #expect(
            shell(#"ls 'a\ $b' "c"' d'"#) == #"""
                <span class="hl-f">ls</span> <span class="hl-s">'a\ $b'</span> <span class="hl-s">&quot;c&quot;</span><span class="hl-s">' d'</span>
                """#)
    }

    @Test func doubleQuotesHoldVariablesEscapesAndSubstitutions() {
        #expect(
            shell(#"echo "\$HOME is $HOME, ${X:-"a)"} $(pwd "(") `id` \q""#) == #"""
                <span class="hl-b">echo</span> <span class="hl-s">&quot;<span class="hl-e">\$</span>HOME is <span class="hl-v">$HOME</span>, <span class="hl-v">${X:-&quot;a)&quot;}</span> <span class="hl-e">$(pwd &quot;(&quot;)</span> <span class="hl-e">`id`</span> \q&quot;</span>
                """#)
    }

    @Test func substitutionOutsideQuotesIsLexedAsACommand() {
        #expect(
            shell("v=$(git log | head) n=$((1 + 2)) cmd") == #"""
                v=<span class="hl-v">$(</span><span class="hl-f">git</span> log <span class="hl-o">|</span> <span class="hl-f">head</span><span class="hl-v">)</span> n=<span class="hl-v">$((</span><span class="hl-n">1</span> + <span class="hl-n">2</span><span class="hl-v">))</span> <span class="hl-f">cmd</span>
                """#)
    }

    @Test func keywordsOnlyWhereACommandStarts() {
        #expect(
            shell("for f in *.md; do\n  if test -f \"$f\"; then echo done; fi\ndone") == #"""
                <span class="hl-k">for</span> f <span class="hl-k">in</span> *.md<span class="hl-o">;</span> <span class="hl-k">do</span>
                  <span class="hl-k">if</span> <span class="hl-b">test</span> -f <span class="hl-s">&quot;<span class="hl-v">$f</span>&quot;</span><span class="hl-o">;</span> <span class="hl-k">then</span> <span class="hl-b">echo</span> done<span class="hl-o">;</span> <span class="hl-k">fi</span>
                <span class="hl-k">done</span>
                """#)
    }

    @Test func conditionalExpressionHoldsTestsNotCommands() {
        #expect(
            shell("[[ -n $x && y == z ]] && run") == #"""
                <span class="hl-k">[[</span> -n <span class="hl-v">$x</span> <span class="hl-o">&amp;&amp;</span> y == z ]] <span class="hl-o">&amp;&amp;</span> <span class="hl-f">run</span>
                """#)
    }

    @Test func casePatternsAreNotCommands() {
        #expect(
            shell("case $1 in\n  a|b) run ;;\n  *) exit 2 ;;\nesac") == #"""
                <span class="hl-k">case</span> <span class="hl-v">$1</span> <span class="hl-k">in</span>
                  a<span class="hl-o">|</span>b) <span class="hl-f">run</span> <span class="hl-o">;;</span>
                  *) <span class="hl-b">exit</span> <span class="hl-n">2</span> <span class="hl-o">;;</span>
                <span class="hl-k">esac</span>
                """#)
    }

    @Test func heredocBodyIsPlainTextUpToItsDelimiter() {
        #expect(
            shell("cat <<'EOF' >x\nit's $not code\nEOF\necho ok") == #"""
                <span class="hl-f">cat</span> <span class="hl-o">&lt;&lt;</span><span class="hl-s">'EOF'</span> <span class="hl-o">&gt;</span>x
                <span class="hl-s">it's $not code</span>
                <span class="hl-s">EOF</span>
                <span class="hl-b">echo</span> ok
                """#)
    }

    @Test func assignmentKeepsTheCommandPosition() {
        #expect(
            shell("LANG=C FOO=\"$x\" sort -n 2>&1") == #"""
                LANG=C FOO=<span class="hl-s">&quot;<span class="hl-v">$x</span>&quot;</span> <span class="hl-f">sort</span> -n <span class="hl-n">2</span><span class="hl-o">&gt;&amp;</span><span class="hl-n">1</span>
                """#)
    }

    @Test func functionDefinitionNamesAFunction() {
        #expect(
            shell("function deploy {\n  local x=1; return 0\n}") == #"""
                <span class="hl-k">function</span> <span class="hl-f">deploy</span> {
                  <span class="hl-b">local</span> x=1<span class="hl-o">;</span> <span class="hl-b">return</span> <span class="hl-n">0</span>
                }
                """#)
    }
}
