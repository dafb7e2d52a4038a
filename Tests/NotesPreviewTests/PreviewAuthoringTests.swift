import Foundation
import NotesDiagnostics
import NotesPreview
import NotesRunner
import NotesSite
import NotesTestSupport
import Synchronization
import Testing

/// The authoring loop of `notes serve`: what the preview says about runs and drafts, what it serves
/// before its first build, and listings run again on save (`--run replay`).
@Suite struct PreviewAuthoringTests {
    let sessions = PreviewSessionTests()

    /// A draft note with a shell listing that prints `text`, never run.
    func addDraft(to project: TestProject, printing text: String = "hello") throws {
        try project.write(
            "content/05-draft/note.md",
            """
            ---
            title: A draft
            dek: Not published yet.
            date: 2026-05-01
            draft: true
            ---

            Prose.

            ```sh file=hello.sh run
            ```

            """)
        try project.write("content/05-draft/hello.sh", "#!/bin/sh\necho \"\(text)\"\n")
    }

    @Test func previewPagesSayWhichRunsAreMissingOrStaleAndMarkDraftsButThePublishedSiteNever() async throws {
        let project = try TestProject()
        try addDraft(to: project)
        let listing = "content/03-do-it-all-at-once/parallel_tools.py"
        try project.write(listing, try project.read(listing) + "\n# changed since its run\n")
        let running = try await PreviewSessionTests.Running.start(project)
        let draft = try await sessions.curl([running.url.appendingPathComponent("notes/05-draft/").absoluteString])
        #expect(draft.contains("class=\"notes-preview-draft\""))
        #expect(draft.contains("DRAFT · not published"))
        #expect(
            draft.contains(
                "<strong>Preview:</strong> hello.sh has no stored run; its page shows no output. To fix it: record its first run with "
                    + "<code>notes run --record 05-draft/hello.sh</code>"), "\(draft)")
        let seed = try await sessions.curl([running.url.appendingPathComponent("notes/03-do-it-all-at-once/").absoluteString])
        #expect(
            seed.contains(
                "<strong>Preview:</strong> the stored run of parallel_tools.py is stale. To fix it: refresh it with "
                    + "<code>notes run 03-do-it-all-at-once/parallel_tools.py</code>"), "\(seed.prefix(3000))")
        #expect(!seed.contains("notes-preview-draft"))
        await running.stop()

        // The same project built for publishing, drafts and all: none of it.
        let published = try TestProject()
        defer { published.remove() }
        try addDraft(to: published)
        try published.write(listing, try published.read(listing) + "\n# changed since its run\n")
        _ = try await SiteBuilder(
            layout: ProjectLayout(root: published.root, displayBase: published.root), options: BuildOptions(includeDrafts: true)
        )
        .build()
        for page in ["site/notes/05-draft/index.html", "site/notes/03-do-it-all-at-once/index.html", "site/index.html"] {
            #expect(!(try published.read(page)).contains("notes-preview"), "\(page)")
        }
    }

    @Test func beforeItsFirstGoodBuildASessionShowsWhyNotAnEarlierSessionsPages() async throws {
        let project = try TestProject()
        // What an earlier session left.
        try project.write(".notes/preview/site/index.html", "<html><body>STALE PAGE</body></html>")
        try project.write(".notes/preview/site/notes/03-do-it-all-at-once/index.html", "<html><body>STALE NOTE</body></html>")
        let note = "content/03-do-it-all-at-once/note.md"
        let original = try project.read(note)
        try project.write(note, original.replacingOccurrences(of: "search     0.30-0.80", with: "search     0.80-0.30"))
        let running = try await PreviewSessionTests.Running.start(project)
        let home = try await sessions.curl([running.url.absoluteString])
        #expect(home.hasPrefix("HTTP/1.1 503"))
        #expect(!home.contains("STALE"))
        #expect(home.contains("The site has not built yet"))
        #expect(home.contains("error: the bar `search` ends before it starts"))
        let page = try await sessions.curl([running.url.appendingPathComponent("notes/03-do-it-all-at-once/").absoluteString])
        #expect(!page.contains("STALE"))
        try project.write(note, original)
        let fixed = try await sessions.poll(running.url) { $0.hasPrefix("HTTP/1.1 200") }
        #expect(fixed.contains("Do it all at once"))
        await running.stop()
    }

    @Test func aPortInUseIsReportedBeforeAnythingIsBuilt() async throws {
        let running = try await PreviewSessionTests.Running.start()
        let project = try TestProject()
        defer { project.remove() }
        let port = try #require(running.url.port)
        let session = PreviewSession(layout: ProjectLayout(root: project.root, displayBase: project.root), port: port)
        let reports = ReportLog()
        let failure: Diagnostic? = await {
            do throws(Diagnostic) {
                try await session.run(started: { _ in }, report: { reports.add("\($0)") })
                return nil
            } catch {
                return error
            }
        }()
        await running.stop()
        #expect(failure?.message == "cannot listen on 127.0.0.1:\(port)")
        #expect(failure?.reasons == ["Address already in use (errno 98)"])
        #expect(reports.all.isEmpty, "it built before finding out")
        #expect(!project.exists(".notes/preview/site"))
    }

    @Test func aSavedListingIsReplayedAndItsOutputStreamsToThePageWhileItRuns() async throws {
        let project = try TestProject()
        try addDraft(to: project, printing: "first")
        let running = try await PreviewSessionTests.Running.start(project) { $0.runs = RunOptions() }
        async let events = sessions.curl(
            // Ended by stopping the server; the limit only bounds a hang.
            ["-N", "--max-time", "150", running.url.appendingPathComponent("_notes/events").absoluteString], timeout: .seconds(180))
        try await Task.sleep(for: .milliseconds(500))
        try project.write("content/05-draft/hello.sh", "#!/bin/sh\necho \"step one\"\nsleep 0.3\necho \"step two\"\n")
        // The listing's code shows "step two" at once; the run panel (its prompt) only once the run is stored.
        let page = try await sessions.poll(running.url.appendingPathComponent("notes/05-draft/")) { $0.contains("run-prompt") }
        #expect(page.contains("step one\n</span><span class=\"run-line\">step two\n</span>"), "\(page)")
        #expect(page.contains("<span class=\"run-prompt\">$ </span>"), "the stored run is shown in the run panel")
        #expect(!page.contains("has no stored run"))
        #expect(project.exists("content/05-draft/runs/hello.transcript.json"))
        await running.stop()
        let stream = try await events
        let runEvents = stream.split(separator: "\n").filter { $0.hasPrefix("data: {\"slug\"") }
        #expect(runEvents.first?.contains("\"status\":\"running\"") == true, "\(stream)")
        #expect(runEvents.contains { $0.contains("\"reset\":false,\"text\":\"step one\\n\"") }, "\(stream)")
        #expect(runEvents.last?.contains("\"status\":\"succeeded\"") == true, "\(stream)")
    }

    @Test func aBrowserShowsTheNewReplayedOutputOfASavedListingWithoutAManualReload() async throws {
        let project = try TestProject()
        try addDraft(to: project, printing: "hello")
        let running = try await PreviewSessionTests.Running.start(project) { $0.runs = RunOptions() }
        defer { Task { await running.stop() } }
        // Its first run, so the panel has output to replace.
        try project.write("content/05-draft/hello.sh", "#!/bin/sh\necho \"hello\"\n")
        _ = try await sessions.poll(running.url.appendingPathComponent("notes/05-draft/")) { $0.contains("run-prompt") }
        let browser = try HeadlessBrowser()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/live_run_check.py")
        let result = try await browser.runDriver(
            script,
            arguments: [
                running.url.appendingPathComponent("notes/05-draft/").absoluteString,
                project.root.appendingPathComponent("content/05-draft/hello.sh").path,
            ], directory: project.root)
        #expect(result.status == 0, "\(result.stderr)")
        struct Live: Decodable, Equatable {
            var status: String
            var text: String
            var head: String
        }
        struct Seen: Decodable {
            var before: String
            var live: Live?
            var after: String
            var reloaded: Bool
        }
        let seen = try JSONDecoder().decode(Seen.self, from: Data(result.stdout.utf8))
        #expect(seen.before.contains("hello") && !seen.before.contains("bonjour"))
        #expect(seen.live == Live(status: "running", text: "bonjour 1\n", head: "\u{25CF} running: notes run 05-draft/hello.sh"))
        #expect(seen.after.contains("bonjour 1") && seen.after.contains("bonjour 2"))
        #expect(seen.reloaded)
    }
}

/// Collects what a session reports, from any thread.
final class ReportLog: Sendable {
    private let lines = Mutex<[String]>([])
    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
