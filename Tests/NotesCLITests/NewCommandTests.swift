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
            check.stdout.contains("notes check: 2 runnable listings checked; every published stored run is fresh; 1 warning in drafts."))
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

        // The same title again takes the next number; a taken number is refused.
        let again = try await fixture.notes(["new", "Tools that wait", "--no-listing"])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("Created content/05-tools-that-wait/ with note.md (a draft)."))
        let taken = try await fixture.notes(["new", "Other", "--number", "3"])
        #expect(taken.status == 1)
        #expect(
            taken.stderr
                == "error: note number 3 is taken by content/03-do-it-all-at-once\n  help: leave out --number to take the next free one\n")
        let badListing = try await fixture.notes(["new", "Other", "--listing", "agent.rb"])
        #expect(badListing.status == 2)
        #expect(badListing.stderr.contains("--listing must end in .py or .sh"))
    }
}
