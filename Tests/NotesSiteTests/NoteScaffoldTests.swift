import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRecords
import NotesSite
import NotesTestSupport
import Testing

/// `notes new`'s scaffold: names, defaults, and a note that builds as it is written.
@Suite struct NoteScaffoldTests {
    @Test(arguments: [
        ("Do it all at once: parallel tool calls and how to build them", "do-it-all-at-once-parallel-tool-calls-and-how-to-build-them"),
        ("Why it’s worth doing", "why-its-worth-doing"),
        ("Café & naïve résumé", "cafe-naive-resume"),
        ("  --Tools--that  WAIT!  ", "tools-that-wait"),
        ("GPT-5 vs. Claude 4.6", "gpt-5-vs-claude-4-6"),
        (
            "One two three four five six seven eight nine ten eleven twelve thirteen",
            "one-two-three-four-five-six-seven-eight-nine-ten-eleven"
        ),
        ("¿?", ""),
    ])
    func slugFromTitle(_ title: String, _ slug: String) {
        #expect(NoteScaffold.slug(for: title) == slug)
        if !slug.isEmpty { #expect(NoteScaffold.isValidSlug(slug)) }
    }

    @Test func slugsThatAreNotSafeAreRefused() {
        for slug in ["", "Upper", "a/b", "-lead", "trail-", "dot.ted", "spa ce"] {
            #expect(!NoteScaffold.isValidSlug(slug), "\(slug)")
        }
    }

    @Test func defaultsTakeTheNextNumberTodayAndTheSiteAuthor() throws {
        let project = try TestProject()
        defer { project.remove() }
        let layout = ProjectLayout(root: project.root, displayBase: project.root)
        let noon = try #require(ISO8601DateFormatter().date(from: "2026-11-25T12:00:00Z"))
        let scaffold = try NoteScaffold.planned(title: "Tools that wait", in: layout, listing: "agent.py", today: noon)
        #expect(scaffold.number == 4)
        #expect(scaffold.folderName == "04-tools-that-wait")
        #expect(scaffold.date.description == "2026-11-25")
        #expect(scaffold.author == "Ben")
        #expect(scaffold.files.map(\.path) == ["note.md", "agent.py"])
    }

    @Test func theWrittenNoteBuildsAsADraftWithARunnableListing() async throws {
        let project = try TestProject()
        defer { project.remove() }
        let layout = ProjectLayout(root: project.root, displayBase: project.root)
        let title = #"Tools that wait: "timeouts", retries & backoff"#
        let scaffold = try NoteScaffold.planned(
            title: title, in: layout, date: "2026-12-01", tags: ["agents", "tool use"], listing: "agent.py")
        let folder = try scaffold.write(into: layout)
        #expect(folder.lastPathComponent == "04-tools-that-wait-timeouts-retries-backoff")
        #expect(
            try project.read("content/04-tools-that-wait-timeouts-retries-backoff/note.md") == """
                ---
                number: 4
                title: "Tools that wait: \\"timeouts\\", retries & backoff"
                dek: "One or two sentences under the title: what the reader will take away."
                date: 2026-12-01
                tags: ["agents", "tool use"]
                author: "Ben"
                draft: true
                ---

                Write the note here, in CommonMark. `notes serve` shows it as you write; remove `draft: true` to publish it.

                The listing below is a real file beside this note. `notes run` runs it and shows what it printed, \
                its steps and its timing under it.

                ```python file=agent.py run caption="What this listing shows"
                ```

                """)
        // Not published by default; with drafts, its page has the title and the listing.
        try await project.build()
        #expect(!project.exists("site/notes/04-tools-that-wait-timeouts-retries-backoff/index.html"))
        let report = try await project.build(drafts: true)
        let page = unescapeHTML(stripTags(try project.read("site/notes/04-tools-that-wait-timeouts-retries-backoff/index.html")))
        #expect(page.contains("Tools that wait: \"timeouts\", retries & backoff"))
        #expect(page.contains("agent.py · py"))
        #expect(page.contains("client.messages.create("))
        #expect(page.contains("Listing 01 - What this listing shows"))
        // Its listing has no run yet: the build says so rather than failing.
        #expect(report.warnings.contains { $0.message == "agent.py has no stored run; its page shows no output" })
        let runs = try await ProjectRuns.load(layout)
        #expect(runs.listings.map(\.name).contains("04-tools-that-wait-timeouts-retries-backoff/agent.py"))
        #expect(runs.draftNotes == ["04-tools-that-wait-timeouts-retries-backoff"])
    }

    @Test func anExistingFolderOrATakenNumberIsRefusedAndNothingIsWritten() throws {
        let project = try TestProject()
        defer { project.remove() }
        let layout = ProjectLayout(root: project.root, displayBase: project.root)
        let taken = try NoteScaffold.planned(title: "Other", in: layout, number: 3, listing: nil)
        #expect(
            throws: Diagnostic(
                at: nil, "note number 3 is taken by content/03-do-it-all-at-once",
                help: "leave out --number to take the next free one")
        ) { try taken.write(into: layout) }
        let sameSlug = try NoteScaffold.planned(title: "Do it all at once", in: layout, number: 4, listing: nil)
        #expect(
            throws: Diagnostic(
                at: SourceLocation(path: "content/03-do-it-all-at-once"), "this note already has the slug `do-it-all-at-once`",
                help: "pass --slug with another name for the new note's folder (its address), or pick another title")
        ) { try sameSlug.write(into: layout) }
        let sameTitle = try NoteScaffold.planned(
            title: "Do it all at once:  PARALLEL tool calls and how to build them", in: layout, slug: "again", listing: nil)
        #expect(
            throws: Diagnostic(
                at: SourceLocation(path: "content/03-do-it-all-at-once/note.md", line: 3, column: 8),
                "this note already has the title \"Do it all at once: parallel tool calls and how to build them\"",
                help: "pick another title for the new note: two notes with one title look the same in the index and the feed")
        ) { try sameTitle.write(into: layout) }
        try FileManager.default.createDirectory(
            at: project.root.appendingPathComponent("content/07-empty"), withIntermediateDirectories: true)
        let existing = try NoteScaffold.planned(title: "Empty", in: layout, number: 7, listing: nil)
        #expect(
            throws: Diagnostic(
                at: nil, "content/07-empty already exists",
                help: "choose another title, --slug or --number")
        ) { try existing.write(into: layout) }
        #expect(throws: Diagnostic(at: nil, "invalid date \"2026-02-30\"", help: "write the date as YYYY-MM-DD, e.g. 2026-04-26")) {
            try NoteScaffold.planned(title: "X", in: layout, date: "2026-02-30", listing: nil)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: project.root.appendingPathComponent("content").path).sorted()
        #expect(names == ["03-do-it-all-at-once", "07-empty", "requirements.txt", "site.yml"])
    }
}
