import NotesRender
import Testing

/// Console transcripts: prompts, commands (over one or more lines) and output.
@Suite struct HighlightConsoleTests {
    let highlighter = SyntaxHighlighter()

    private func console(_ code: String) -> String {
        highlighter.highlight(code, language: "shell-session")
    }

    @Test func promptLinesAreShellAndOtherLinesOutput() {
        #expect(
            console("$ ls -l\ntotal 0\n\n# whoami\nroot") == #"""
                <span class="hl-prompt">$ </span><span class="hl-f">ls</span> -l
                <span class="hl-out">total 0</span>

                <span class="hl-prompt"># </span><span class="hl-f">whoami</span>
                <span class="hl-out">root</span>
                """#)
    }

    @Test func continuedCommandStaysShellUntilItEnds() {
        #expect(
            console("$ echo a \\\n  \"b\nc\"\n$x is output") == #"""
                <span class="hl-prompt">$ </span><span class="hl-b">echo</span> a <span class="hl-e">\</span>
                  <span class="hl-s">&quot;b</span>
                <span class="hl-s">c&quot;</span>
                <span class="hl-out">$x is output</span>
                """#)
    }

    @Test func heredocInACommandIsPartOfIt() {
        #expect(
            console("$ cat <<EOF\n$ not a prompt\nEOF\nout") == #"""
                <span class="hl-prompt">$ </span><span class="hl-f">cat</span> <span class="hl-o">&lt;&lt;</span><span class="hl-s">EOF</span>
                <span class="hl-s">$ not a prompt</span>
                <span class="hl-s">EOF</span>
                <span class="hl-out">out</span>
                """#)
    }

    @Test func barePromptAndDollarWithoutSpaceInOutput() {
        #expect(
            console("$\n$5 costs") == #"""
                <span class="hl-prompt">$</span>
                <span class="hl-out">$5 costs</span>
                """#)
    }
}
