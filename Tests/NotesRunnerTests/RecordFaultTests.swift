import Foundation
import NotesRecords
import NotesRunner
import NotesTestSupport
import NotesTransport
import Testing

/// A failed `notes run --record` never replaces a good recording: whatever went wrong with the
/// engine, the stored cassette and transcript stay byte for byte, and the attempt is set aside.
@Suite struct RecordFaultTests {
    static let agent = """
        import sys
        import anthropic

        client = anthropic.Anthropic(max_retries=int(sys.argv[2]))
        request = dict(model=sys.argv[1], max_tokens=16, messages=[{"role": "user", "content": "hi"}])
        if "stream" in sys.argv[1]:
            with client.messages.stream(**request) as stream:
                print(stream.get_final_message().content[0].text)
        else:
            print(client.messages.create(**request).content[0].text)
        """

    /// The same request with curl, which starts in milliseconds (for timing-sensitive cases).
    static let curlAgent = """
        curl -sS "$ANTHROPIC_BASE_URL/v1/messages" -H "x-api-key: $ANTHROPIC_API_KEY" -H 'content-type: application/json' \\
          -d "{\\"model\\":\\"$1\\",\\"max_tokens\\":16,\\"messages\\":[{\\"role\\":\\"user\\",\\"content\\":\\"hi\\"}]}"
        """

    /// Records `model` (with `retries`) over a stored pair and returns the result and the fixture.
    func record(
        _ model: String, retries: Int = 0, engine: URL? = nil, timeout: Duration = .seconds(60), keepFailed: Bool = false,
        withCurl: Bool = false
    ) async throws -> (RunResult, RunnerFixture, RunnableListing) {
        let fixture = try await RunnerFixture.make()
        var listing =
            withCurl
            ? try fixture.listing(file: "agent.sh", language: "sh", Self.curlAgent)
            : try fixture.listing(file: "agent.py", language: "python", Self.agent)
        listing.arguments = [model, String(retries)]
        try FileManager.default.createDirectory(at: listing.runsFolder, withIntermediateDirectories: true)
        try Data("previous cassette\n".utf8).write(to: listing.cassette)
        try Data("previous transcript\n".utf8).write(to: listing.transcript)
        let key = "fake-engine-key-\(UUID().uuidString)"
        let standIn = try await TransportStandIn.start(key: key)
        defer { standIn.stop() }
        var options = RunOptions(mode: .record, engine: engine ?? standIn.url, engineKey: EngineKey(key), timeout: timeout)
        options.keepsFailedRecordings = keepFailed
        let result = try await fixture.runner.run(listing, options: options)
        return (result, fixture, listing)
    }

    func expectPreviousPairKept(_ result: RunResult, _ fixture: RunnerFixture, _ listing: RunnableListing, attemptHasCassette: Bool = true)
        throws
    {
        #expect(try String(contentsOf: listing.cassette, encoding: .utf8) == "previous cassette\n")
        #expect(try String(contentsOf: listing.transcript, encoding: .utf8) == "previous transcript\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: listing.runsFolder.path).sorted() == [
                "agent.cassette.json", "agent.transcript.json",
            ])
        let aside = try #require(result.setAside)
        #expect(aside.path.contains("/.notes/failed/01-test/agent-"))
        #expect(FileManager.default.fileExists(atPath: aside.appendingPathComponent("transcript.json").path))
        #expect(FileManager.default.fileExists(atPath: aside.appendingPathComponent("cassette.json").path) == attemptHasCassette)
        #expect(result.warnings.contains { $0.contains("the stored run was kept") })
    }

    @Test func anUnreachableEngineKeepsThePreviousPair() async throws {
        let (result, fixture, listing) = try await record("m", engine: URL(string: "http://127.0.0.1:9")!)
        defer { fixture.remove() }
        #expect(!result.transcript.exit.isSuccess)
        try expectPreviousPairKept(result, fixture, listing)
    }

    @Test func overloadedUntilTheRetriesRunOutKeepsThePreviousPair() async throws {
        let (result, fixture, listing) = try await record("stand-in-overloaded", retries: 1)
        defer { fixture.remove() }
        #expect(!result.transcript.exit.isSuccess)
        try expectPreviousPairKept(result, fixture, listing)
        let attempt = try Cassette.load(from: result.setAside!.appendingPathComponent("cassette.json"))
        #expect(attempt.entries.map(\.response.status) == [529, 529], "the failed attempt is kept whole for a look")
    }

    @Test func aStreamTheEngineCutsOffKeepsThePreviousPair() async throws {
        let (result, fixture, listing) = try await record("stand-in-stream-drop")
        defer { fixture.remove() }
        try expectPreviousPairKept(result, fixture, listing)
    }

    @Test func garbageFromTheEngineKeepsThePreviousPair() async throws {
        let (result, fixture, listing) = try await record("stand-in-garbage")
        defer { fixture.remove() }
        #expect(!result.transcript.exit.isSuccess)
        try expectPreviousPairKept(result, fixture, listing)
    }

    @Test func anEngineThatNeverAnswersKeepsThePreviousPair() async throws {
        let (result, fixture, listing) = try await record("stand-in-silent", timeout: .seconds(3), withCurl: true)
        defer { fixture.remove() }
        #expect(result.transcript.exit.kind == "timeout")
        try expectPreviousPairKept(result, fixture, listing)
        let attempt = try Cassette.load(from: result.setAside!.appendingPathComponent("cassette.json"))
        #expect(attempt.entries.map(\.response.isUnanswered) == [true], "the unanswered request is part of the recording")
    }

    @Test func keepFailedStoresAFailingRecordingOnPurpose() async throws {
        let (result, fixture, listing) = try await record("stand-in-garbage", keepFailed: true)
        defer { fixture.remove() }
        #expect(result.setAside == nil)
        #expect(try String(contentsOf: listing.cassette, encoding: .utf8) != "previous cassette\n")
        let stored = try Transcript.load(from: listing.transcript)
        #expect(!stored.exit.isSuccess)
    }

    @Test func aGoodRecordingReplacesThePair() async throws {
        let (result, fixture, listing) = try await record("stand-in-echo")
        defer { fixture.remove() }
        #expect(result.transcript.exit.isSuccess)
        #expect(result.setAside == nil)
        #expect(try Transcript.load(from: listing.transcript).stdoutLines == ["Echo: hi"])
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent(".notes/failed").path))
    }
}
