import NotesDiagnostics
import Testing

@Suite struct DiagnosticTests {
    @Test func printsLikeACompilerWithHelpAndReasons() {
        let diagnostic = Diagnostic(
            at: SourceLocation(path: "content/03-x/note.md", line: 12, column: 3), "unknown listing attribute `capton`",
            help: "did you mean `caption`?", reasons: ["first", "second"])
        #expect(
            diagnostic.description == """
                content/03-x/note.md:12:3: error: unknown listing attribute `capton`
                  help: did you mean `caption`?
                  Reason: first
                  Reason: second
                """)
    }

    @Test func dropsUnknownLineAndColumn() {
        #expect(SourceLocation(path: "a.md").description == "a.md")
        #expect(SourceLocation(path: "a.md", line: 4).description == "a.md:4")
        #expect(Diagnostic(.warning, at: nil, "no place").description == "warning: no place")
    }

    @Test func listSortsByPlaceSoOutputIsStable() {
        let list = DiagnosticList([
            Diagnostic(at: SourceLocation(path: "b.md", line: 1, column: 1), "b"),
            Diagnostic(at: nil, "unplaced"),
            Diagnostic(at: SourceLocation(path: "a.md", line: 9, column: 1), "a9"),
            Diagnostic(at: SourceLocation(path: "a.md", line: 2, column: 5), "a2"),
        ])
        #expect(list.diagnostics.map(\.message) == ["a2", "a9", "b", "unplaced"])
    }

    @Test func aQuotedValueStaysOnOneLineAndShort() {
        #expect("2026-13-45".quotedForDiagnostic() == "\"2026-13-45\"")
        #expect("block\ntwo\r\n\tend\u{1B}[0m".quotedForDiagnostic() == #""block\ntwo\r\n\tend\u{1B}[0m""#)
        #expect("héllo “quoted” 🙂".quotedForDiagnostic() == "\"héllo “quoted” 🙂\"")
        #expect(String(repeating: "x", count: 25).quotedForDiagnostic(limit: 20) == "\"\(String(repeating: "x", count: 20))…\"")
        #expect(String(repeating: "x", count: 20).quotedForDiagnostic(limit: 20) == "\"\(String(repeating: "x", count: 20))\"")
    }
}
