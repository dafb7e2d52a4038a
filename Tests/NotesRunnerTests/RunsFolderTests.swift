import Foundation
import NotesRecords
import NotesRunner
import NotesTestSupport
import NotesTransport
import Testing

/// A run that stores nothing leaves no `runs/` folder behind in the note; one that stores a run,
/// or finds `runs/` already there, leaves it.
@Suite struct RunsFolderTests {
    static let curlAgent = """
        curl -sS "$ANTHROPIC_BASE_URL/v1/messages" -H "x-api-key: $ANTHROPIC_API_KEY" -H 'content-type: application/json' \\
          -d '{"model":"m","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}'
        """

    @Test func aFailedRecordingLeavesNoEmptyRunsFolder() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let listing = try fixture.listing(file: "agent.sh", language: "sh", Self.curlAgent)
        // Nothing listens on port 9: the listing exits non-zero, so the attempt is set aside.
        let options = RunOptions(mode: .record, engine: URL(string: "http://127.0.0.1:9")!, engineKey: EngineKey("fake-key"))
        let result = try await fixture.runner.run(listing, options: options)
        #expect(!result.transcript.exit.isSuccess)
        #expect(result.setAside != nil)
        #expect(!FileManager.default.fileExists(atPath: listing.runsFolder.path))
    }

    @Test func aRecordingThatCannotStartLeavesNoEmptyRunsFolder() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let listing = try fixture.listing(file: "agent.sh", language: "sh", Self.curlAgent)
        // No key: the transport refuses to start in record mode.
        await #expect(throws: RunError.self) { try await fixture.runner.run(listing, options: RunOptions(mode: .record)) }
        #expect(!FileManager.default.fileExists(atPath: listing.runsFolder.path))
    }

    @Test func aReplayMissLeavesNoRunsFolder() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let listing = try fixture.listing(file: "agent.sh", language: "sh", Self.curlAgent)
        let error = await #expect(throws: RunError.self) { try await fixture.runner.run(listing, options: RunOptions(mode: .replay)) }
        #expect(error?.code == .replayMiss)
        #expect(!FileManager.default.fileExists(atPath: listing.runsFolder.path))
    }

    @Test func aFailedRecordingKeepsARunsFolderThatWasThere() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let listing = try fixture.listing(file: "agent.sh", language: "sh", Self.curlAgent)
        try FileManager.default.createDirectory(at: listing.runsFolder, withIntermediateDirectories: true)
        let options = RunOptions(mode: .record, engine: URL(string: "http://127.0.0.1:9")!, engineKey: EngineKey("fake-key"))
        _ = try await fixture.runner.run(listing, options: options)
        #expect(FileManager.default.fileExists(atPath: listing.runsFolder.path))
    }

    @Test func aStoredRunKeepsTheRunsFolderItMade() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let listing = try fixture.listing(file: "hello.sh", language: "sh", "echo hello\nexit 1\n")
        let transcript = try await fixture.run(listing)
        #expect(transcript.exit == .exited(1))
        #expect(FileManager.default.fileExists(atPath: listing.transcript.path))
    }
}
