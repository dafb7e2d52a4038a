import Foundation
import NotesTestSupport
import Testing

/// `notes new` from the command line, and how a fresh draft sits with `notes check`.
@Suite struct NewCommandTests {
    @Test func newStartsADraftThatCheckWarnsAboutUntilItsRunIsRecorded() async throws {
        let fixture = try await CLIFixture.make()
        defer { fixture.remove() }
        let new = try await fixture.notes(["new", "Tools that wait", "--tag", "agents", "--date", "2026-12-01"])
        #expect(new.status == 0, "\(new.stderr)")
        #expect(
            new.stdout == """
                Created content/04-tools-that-wait/ with note.md and agent.py (a draft).
                Next:
                  write the note in content/04-tools-that-wait/note.md
                  write the listing in content/04-tools-that-wait/agent.py, then record its run:
                    notes run --record 04-tools-that-wait     (needs ANTHROPIC_API_KEY; replays offline after that)
                  preview with `notes serve`; publish by removing `draft: true`

                """)
        #expect(fixture.project.exists("content/04-tools-that-wait/agent.py"))

        // The draft has no run yet: a warning for CI, an error when drafts count.
        let check = try await fixture.notes(["check", "--no-replay"])
        #expect(check.status == 0, "\(check.stdout)\n\(check.stderr)")
        #expect(
            check.stderr.contains("content/04-tools-that-wait/note.md:15:1: warning: agent.py has no stored run; its page shows no output"))
        #expect(
            check.stdout.contains(
                "notes check: 1 of 2 runnable listings checked; every published stored run is fresh; 1 warning in drafts."))
        let strict = try await fixture.notes(["check", "--no-replay", "--drafts"])
        #expect(strict.status == 1)
        #expect(
            strict.stderr.contains("content/04-tools-that-wait/note.md:15:1: error: agent.py has no stored run; its page shows no output"))

        // Replaying it says how to record it.
        let run = try await fixture.notes(["run", "04"])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "content/04-tools-that-wait/note.md:15:1: error: 04-tools-that-wait/agent.py calls the engine but has no recorded run"))
        #expect(run.stderr.contains("help: record its run with `notes run --record 04-tools-that-wait` (needs ANTHROPIC_API_KEY)"))

        // A title or a slug another note has is refused, at that note's title or folder; so is a taken number.
        let again = try await fixture.notes(["new", "tools that  Wait", "--no-listing"])
        #expect(again.status == 1)
        #expect(
            again.stderr == """
                content/04-tools-that-wait/note.md:3:8: error: this note already has the title "Tools that wait"
                  help: pick another title for the new note: two notes with one title look the same in the index and the feed

                """)
        let sameSlug = try await fixture.notes(["new", "Tools that wait!", "--no-listing"])
        #expect(sameSlug.status == 1)
        #expect(
            sameSlug.stderr == """
                content/04-tools-that-wait: error: this note already has the slug `tools-that-wait`
                  help: pass --slug with another name for the new note's folder (its address), or pick another title

                """)
        let renamed = try await fixture.notes(["new", "Tools that wait!", "--slug", "waiting-tools", "--no-listing"])
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(renamed.stdout.hasPrefix("Created content/05-waiting-tools/ with note.md (a draft)."))
        #expect(!fixture.project.exists("content/06-tools-that-wait"))
        let taken = try await fixture.notes(["new", "Other", "--number", "3"])
        #expect(taken.status == 1)
        #expect(
            taken.stderr
                == "error: note number 3 is taken by content/03-do-it-all-at-once\n  help: leave out --number to take the next free one\n")
        let badListing = try await fixture.notes(["new", "Other", "--listing", "agent.rb"])
        #expect(badListing.status == 2)
        #expect(badListing.stderr.contains("--listing must end in .py or .sh"))
    }

    @Test func aPublishedNoteWithTheScaffoldsPlaceholdersFailsCheckAndItsNeverRunListingFailsBuild() async throws {
        let fixture = try await CLIFixture.make()
        defer { fixture.remove() }
        let new = try await fixture.notes(["new", "Tools that wait", "--date", "2026-12-01"])
        #expect(new.status == 0, "\(new.stderr)")
        let note = "content/04-tools-that-wait/note.md"
        try fixture.project.write(note, try fixture.project.read(note).replacingOccurrences(of: "draft: true\n", with: ""))

        let check = try await fixture.notes(["check", "--no-replay"])
        #expect(check.status == 1)
        #expect(
            check.stderr == """
                content/04-tools-that-wait/agent.py:1:47: error: agent.py is still the starter listing `notes new` wrote
                  help: write the note's own listing in agent.py and record its run, or keep `draft: true` until the note is ready
                content/04-tools-that-wait/note.md:4:7: error: the placeholder `notes new` wrote is still here: "One or two sentences under the …"
                  help: replace it with the note's own words, or keep `draft: true` until the note is ready
                content/04-tools-that-wait/note.md:10:1: error: the placeholder `notes new` wrote is still here: "Write the note here, in CommonMark."
                  help: replace it with the note's own words, or keep `draft: true` until the note is ready
                content/04-tools-that-wait/note.md:12:1: error: the placeholder `notes new` wrote is still here: "The listing below is a real …"
                  help: replace it with the note's own words, or keep `draft: true` until the note is ready
                content/04-tools-that-wait/note.md:14:1: error: agent.py has no stored run; its page shows no output
                  help: record its first run with `notes run --record 04-tools-that-wait/agent.py` (needs ANTHROPIC_API_KEY; plain `notes run 04-tools-that-wait/agent.py` if it never calls the engine) and commit content/04-tools-that-wait/runs/
                content/04-tools-that-wait/note.md:14:38: error: the placeholder `notes new` wrote is still here: "What this listing shows"
                  help: replace it with the note's own words, or keep `draft: true` until the note is ready
                notes check: 6 findings

                """)

        // The build that publishes refuses the listing that never ran, at its fence, and keeps site/ as it was.
        let build = try await fixture.notes(["build"])
        #expect(build.status == 1)
        #expect(
            build.stderr.hasPrefix(
                "content/04-tools-that-wait/note.md:14:1: error: agent.py has no stored run; its page shows no output\n"
                    + "  help: record its first run with `notes run --record 04-tools-that-wait/agent.py`"), "\(build.stderr)")
        #expect(build.stderr.hasSuffix("Build failed with 1 error; site/ was left unchanged.\n"))
        #expect(!fixture.project.exists("site"))

        // As a draft again, none of it stops `check` (placeholders belong in drafts) until drafts count.
        try fixture.project.write(note, try fixture.project.read(note).replacingOccurrences(of: "---\n\n", with: "draft: true\n---\n\n"))
        let draft = try await fixture.notes(["check", "--no-replay"])
        #expect(draft.status == 0, "\(draft.stderr)")
        #expect(!draft.stderr.contains("placeholder"))
        let strict = try await fixture.notes(["check", "--no-replay", "--drafts"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("content/04-tools-that-wait/note.md:4:7: error: the placeholder `notes new` wrote is still here"))
    }
}
