import Foundation
import NotesDiagnostics
import Testing

@testable import NotesRecords

/// A listing's cassette and transcript change together or not at all, and a run that died while
/// storing them leaves nothing the next run cannot finish or clean.
@Suite struct RunFilesTests {
    func listing() throws -> (RunnableListing, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runfiles-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("runs"), withIntermediateDirectories: true)
        let listing = RunnableListing(
            noteSlug: "01-x", noteFolder: folder, file: "agent.py", language: "python", location: SourceLocation(path: "note.md", line: 5))
        return (listing, folder)
    }

    @Test func aCommitReplacesBothFilesAndLeavesNothingBehind() throws {
        let (listing, folder) = try listing()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("old cassette".utf8).write(to: listing.cassette)
        try Data("old transcript".utf8).write(to: listing.transcript)
        let recording = listing.runsFolder.appendingPathComponent(".agent.cassette.\(getpid()).partial")
        try Data("new cassette".utf8).write(to: recording)
        try RunFiles.commit(transcript: Array("new transcript".utf8), recording: recording, for: listing)
        #expect(try String(contentsOf: listing.cassette, encoding: .utf8) == "new cassette")
        #expect(try String(contentsOf: listing.transcript, encoding: .utf8) == "new transcript")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: listing.runsFolder.path).sorted() == [
                "agent.cassette.json", "agent.transcript.json",
            ])
    }

    @Test func aCommitInterruptedBetweenTheRenamesIsRolledForwardByTheNextRun() throws {
        let (listing, folder) = try listing()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("old transcript".utf8).write(to: listing.transcript)
        // What a process killed after the first rename leaves: the new cassette in place, the new
        // transcript still aside, and the journal.
        try Data("new cassette".utf8).write(to: listing.cassette)
        let pending = listing.runsFolder.appendingPathComponent(".agent.transcript.json.999999.12345.tmp")
        try Data("new transcript".utf8).write(to: pending)
        try Data(
            ".agent.cassette.999999.partial\tagent.cassette.json\n.agent.transcript.json.999999.12345.tmp\tagent.transcript.json\n".utf8
        )
        .write(to: RunFiles.journal(listing))
        #expect(RunFiles.hasUnfinishedCommit(listing))
        let stored = StoredRun(listing, projectRoot: folder)
        #expect(stored.freshness == .unfinished, "a build says so rather than pairing the new cassette with the old transcript")

        RunFiles.recover(listing)
        #expect(try String(contentsOf: listing.transcript, encoding: .utf8) == "new transcript")
        #expect(!RunFiles.hasUnfinishedCommit(listing))
    }

    @Test func leftoversOfDeadRunsAreRemovedAndThoseOfLiveOnesKept() throws {
        let (listing, folder) = try listing()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dead = ".agent.cassette.999999.partial"
        let deadTemporary = ".agent.transcript.json.999999.4242.tmp"
        let live = ".agent.cassette.\(getpid()).partial"
        for name in [dead, deadTemporary, live] {
            try Data("x".utf8).write(to: listing.runsFolder.appendingPathComponent(name))
        }
        RunFiles.recover(listing)
        #expect(try FileManager.default.contentsOfDirectory(atPath: listing.runsFolder.path) == [live])
    }

    @Test func storedRunsSayWhatIsWrongWithTheirFilesInWords() throws {
        let (listing, folder) = try listing()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("print(1)\n".utf8).write(to: listing.listingURL)
        try Data(#"{"schema": 1, "tool": "notes", "listing": {"path": "agent.py"}}"#.utf8).write(to: listing.transcript)
        guard case .unreadable(let problem) = StoredRun(listing, projectRoot: folder).freshness else {
            Issue.record("a transcript without its fields is unreadable")
            return
        }
        #expect(problem == "the transcript has no `sha256` at listing")
    }
}
