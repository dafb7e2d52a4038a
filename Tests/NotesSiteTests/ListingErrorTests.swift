import Foundation
import NotesTestSupport
import Testing

/// Each broken listing fence must fail the build with the exact `file:line:col` message.
@Suite struct ListingErrorTests {
    /// Writes a note whose line 7 holds `fence`, then builds.
    func errors(fence: String, body: String = "", files: [String: String] = [:]) async throws -> String {
        let project = try TestProject(notes: [])
        defer { project.remove() }
        try project.write(
            "content/01-x/note.md",
            """
            ---
            title: X
            date: 2026-01-01
            ---

            Some prose.
            \(fence)
            \(body)```

            """)
        for (name, text) in files { try project.write("content/01-x/\(name)", text) }
        return await project.buildErrors()
    }

    @Test func unknownAttributeIsNamedWithASuggestion() async throws {
        #expect(
            try await errors(fence: "```python file=a.py capton=\"A\"", files: ["a.py": "print(1)\n"]) == """
                content/01-x/note.md:7:21: error: unknown listing attribute `capton`
                  help: did you mean `caption`? Listings take: args, caption, file, run, tools
                """)
    }

    @Test func missingFileIsNamed() async throws {
        #expect(
            try await errors(fence: "```python file=missing.py") == """
                content/01-x/note.md:7:11: error: listing file `missing.py` not found in content/01-x/
                  help: create content/01-x/missing.py, or fix the name in `file=`
                """)
    }

    @Test func pathOutsideTheNoteFolderIsRefused() async throws {
        #expect(
            try await errors(fence: "```python file=../../x") == """
                content/01-x/note.md:7:11: error: listing file `../../x` is outside the note's folder
                  help: keep listings in content/01-x/ and name them relative to it, e.g. file=parallel_tools.py
                """)
    }

    @Test func absolutePathIsRefused() async throws {
        #expect(
            try await errors(fence: "```python file=/etc/passwd").hasPrefix(
                "content/01-x/note.md:7:11: error: listing file `/etc/passwd` is outside the note's folder"))
    }

    @Test func bodyAndFileAtOnceIsRefused() async throws {
        #expect(
            try await errors(fence: "```python file=a.py", body: "print(2)\n", files: ["a.py": "print(1)\n"]) == """
                content/01-x/note.md:7:1: error: listing has both a body and `file=a.py`
                  help: leave the fence empty: the page shows the file itself, so page and program never disagree
                """)
    }

    @Test func everyProblemOfEveryNoteIsReportedTogether() async throws {
        let project = try TestProject(notes: [])
        defer { project.remove() }
        try project.write("content/01-a/note.md", "---\ntitle: A\ndate: 2026-01-01\n---\n```py file=nope.py\n```\n```py capton=x\n```\n")
        try project.write("content/02-b/note.md", "no front matter\n")
        let errors = await project.buildErrors()
        #expect(errors.contains("content/01-a/note.md:5:7: error: listing file `nope.py` not found"))
        #expect(errors.contains("content/01-a/note.md:7:7: error: unknown listing attribute `capton`"))
        #expect(errors.contains("content/02-b/note.md:1:1: error: missing front matter"))
    }
}
