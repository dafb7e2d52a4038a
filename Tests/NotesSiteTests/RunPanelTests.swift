import Foundation
import NotesDiagnostics
import NotesSite
import NotesTestSupport
import Testing

/// What a stored run looks like on the page. Everything from a run is escaped.
@Suite struct RunPanelTests {
    /// A transcript as `notes run` writes it, for a listing that failed after a tool call.
    static let transcript = """
        {
          "argv": [".notes/venv/bin/python", "agent.py"], "command": "python agent.py", "duration_ms": 2345,
          "exit": {"code": 1, "kind": "exited"},
          "listing": {"path": "agent.py", "sha256": "unchecked"},
          "mode": "replay", "pace": "recorded", "schema": 1, "tool": "notes test", "tool_phases": [],
          "cassette": {"engine": "https://api.anthropic.com", "path": "runs/agent.cassette.json", "provenance": "recorded",
                       "recorded_at": "2026-05-21T09:41:00.000Z", "sha256": "unchecked"},
          "model_calls": [{"attempts": [], "end_ms": 1900, "exchange": 1, "first_event_ms": 1500, "model": "claude-sonnet-4-6",
                           "start_ms": 1200, "stop_reason": "tool_use", "streamed": false, "usage": {}}],
          "output": {"truncated": false, "lines": [
            {"at_ms": 1950, "stream": "stdout", "text": "OBSERVATION <script>alert('x')</script>"},
            {"at_ms": 2000, "stream": "stderr", "text": "Traceback: <b>boom</b>"}]},
          "steps": [{"number": 1, "final": false, "model_call": 0, "blocks": [
            {"type": "thinking", "text": "I should <em>look</em> it up."},
            {"type": "tool_use", "id": "toolu_1", "name": "fetch", "input": "{\\"url\\":\\"a&b\\"}",
             "result": {"text": "<script>alert('x')</script>", "is_error": false},
             "span": {"start_ms": 1910, "end_ms": 1940, "source": "hook"}}]}]
        }

        """

    @Test func aFailedRunShowsItsExitStatusAndStandardErrorAllEscaped() async throws {
        let project = try TestProject(notes: [])
        defer { project.remove() }
        try project.write("content/01-x/note.md", "---\ntitle: X\ndate: 2026-01-01\n---\n\n```python file=agent.py run\n```\n")
        try project.write("content/01-x/agent.py", "print('hi')\n")
        try project.write("content/01-x/runs/agent.transcript.json", Self.transcript)
        let report = try await project.build()
        let page = try project.read("site/notes/01-x/index.html")
        #expect(page.contains("<span class=\"run-meta\">ran in 2.3s</span>"))
        #expect(
            page.contains(
                "<span class=\"run-prompt\">$ </span>python agent.py\n<span class=\"run-line\">OBSERVATION "
                    + "&lt;script&gt;alert('x')&lt;/script&gt;\n</span><span class=\"run-line run-stderr\">Traceback: "
                    + "&lt;b&gt;boom&lt;/b&gt;\n</span><span class=\"run-exit run-failed\">exit 1</span>"
            ))
        #expect(page.contains("Recorded on 21 May 2026 against claude-sonnet-4-6; replayed at recorded pace."))
        #expect(
            page.contains(
                "<dt class=\"step-thought\">Thought</dt><dd class=\"step-thought\"><pre>I should &lt;em&gt;look&lt;/em&gt; it "
                    + "up.</pre></dd>"
            ))
        #expect(page.contains("<pre>fetch({&quot;url&quot;:&quot;a&amp;b&quot;})</pre>"))
        #expect(page.contains("<dd class=\"step-observation\"><pre>&lt;script&gt;alert('x')&lt;/script&gt;</pre></dd>"))
        #expect(!page.contains("<script>"))
        #expect(!page.contains("<b>boom"))
        // The hand-made transcript does not match the listing: the build says so, and still succeeds.
        #expect(
            report.warnings.map(\.description).contains {
                $0.hasPrefix("content/01-x/note.md:6:1: warning: the stored run of agent.py is stale")
            })
    }

    @Test func aRunnableListingWithoutARunIsAWarningNotAnError() async throws {
        let project = try TestProject(notes: [])
        defer { project.remove() }
        try project.write("content/01-x/note.md", "---\ntitle: X\ndate: 2026-01-01\n---\n\n```sh file=hello.sh run\n```\n")
        try project.write("content/01-x/hello.sh", "echo hi\n")
        let report = try await project.build()
        #expect(
            report.warnings.map(\.description) == [
                """
                content/01-x/note.md:6:1: warning: hello.sh has no stored run; its page shows no output
                  help: record its first run with `notes run --record 01-x/hello.sh` (needs ANTHROPIC_API_KEY; plain `notes run 01-x/hello.sh` if it never calls the engine) and commit content/01-x/runs/
                """
            ])
        #expect(!(try project.read("site/notes/01-x/index.html")).contains("class=\"run\""))
    }

    @Test func aPublishedListingThatNeverRanFailsTheBuildThatPublishes() async throws {
        let project = try TestProject(notes: [])
        defer { project.remove() }
        try project.write("content/01-x/note.md", "---\ntitle: X\ndate: 2026-01-01\n---\n\n```sh file=hello.sh run\n```\n")
        try project.write("content/01-x/hello.sh", "echo hi\n")
        let builder = SiteBuilder(layout: project.layout, options: BuildOptions(requiresRuns: true))
        let error = await #expect(throws: DiagnosticList.self) { try await builder.build() }
        #expect(
            error?.description == """
                content/01-x/note.md:6:1: error: hello.sh has no stored run; its page shows no output
                  help: record its first run with `notes run --record 01-x/hello.sh` (needs ANTHROPIC_API_KEY; plain `notes run 01-x/hello.sh` if it never calls the engine) and commit content/01-x/runs/
                """)
        #expect(!project.exists("site"))
    }

    @Test func aDraftsListingThatNeverRanOrAStaleRunStaysAWarning() async throws {
        let project = try TestProject(notes: [])
        defer { project.remove() }
        try project.write(
            "content/01-x/note.md", "---\ntitle: X\ndate: 2026-01-01\ndraft: true\n---\n\n```sh file=hello.sh run\n```\n")
        try project.write("content/01-x/hello.sh", "echo hi\n")
        try project.write("content/02-y/note.md", "---\ntitle: Y\ndate: 2026-01-01\n---\n\n```python file=agent.py run\n```\n")
        try project.write("content/02-y/agent.py", "print('hi')\n")
        try project.write("content/02-y/runs/agent.transcript.json", Self.transcript)
        let report = try await SiteBuilder(layout: project.layout, options: BuildOptions(includeDrafts: true, requiresRuns: true)).build()
        #expect(
            report.warnings.map { String($0.description.prefix { $0 != "\n" }) }.sorted() == [
                "content/01-x/note.md:7:1: warning: hello.sh has no stored run; its page shows no output",
                "content/02-y/note.md:6:1: warning: the stored run of agent.py is stale",
            ])
    }
}
