import Testing

@testable import NotesRender

/// What a listing prints to a terminal reaches the page as text: colours as spans, every other
/// control character gone, nothing executable.
@Suite struct TerminalTextTests {
    func html(_ line: String) -> String {
        var html = ""
        TerminalText.appendHTML(line, to: &html)
        return html
    }

    @Test func sgrColoursBecomeSpansThatEndWithTheLine() {
        #expect(html("\u{1B}[1;32mok\u{1B}[0m done") == "<span class=\"ansi-bold ansi-fg-2\">ok</span> done")
        #expect(html("\u{1B}[31mred <b>") == "<span class=\"ansi-fg-1\">red &lt;b&gt;</span>")
        #expect(html("\u{1B}[94mbright\u{1B}[39m plain") == "<span class=\"ansi-fg-12\">bright</span> plain")
        #expect(html("\u{1B}[38;5;208mpalette") == "<span style=\"color:#ff8700\">palette</span>")
        #expect(html("\u{1B}[38;2;1;2;255;48;5;232mrgb") == "<span style=\"color:#0102ff;background-color:#080808\">rgb</span>")
        #expect(html("\u{1B}[mreset only") == "reset only")
    }

    @Test func otherEscapeSequencesAndControlCharactersAreDropped() {
        #expect(html("\u{1B}[2K\u{1B}[1Gprogress 50%") == "progress 50%")
        #expect(html("\u{1B}]0;window title\u{07}after") == "after")
        #expect(html("\u{1B}]8;;https://x.example\u{1B}\\link\u{1B}]8;;\u{1B}\\") == "link")
        #expect(html("bell\u{07} nul\u{00} esc\u{1B}") == "bell nul esc")
        #expect(html("tab\tkept") == "tab\tkept")
    }

    @Test func htmlEscapingDropsControlCharactersEverywhere() {
        #expect(HTMLEscaping.escape("a\u{00}b\u{1B}c\u{7F}d\u{85}e\r\n\t<") == "abcde\r\n\t&lt;")
        #expect(HTMLEscaping.escape("café ☕") == "café ☕")
    }
}
