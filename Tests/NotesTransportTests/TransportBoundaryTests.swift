import Foundation
import NotesRecords
import NotesTestSupport
import Synchronization
import Testing

@testable import NotesTransport

/// What the transport refuses to carry, and what it keeps when the engine never answers.
@Suite struct TransportBoundaryTests {
    /// An upstream that counts what reaches it and answers every request with a message.
    final class CountingUpstream: HTTPUpstream {
        let paths = Mutex<[String]>([])

        func send(_ request: UpstreamRequest, timeout: Duration) async throws -> UpstreamResponse {
            paths.withLock { $0.append(request.url) }
            let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
            continuation.yield(Array(#"{"type": "message", "content": []}"#.utf8))
            continuation.finish()
            return UpstreamResponse(status: 200, reason: "OK", headers: [CassetteHeader("content-type", "application/json")], body: stream)
        }

        func shutdown() async {}
    }

    @Test func onlyPlainAPIPathsAreForwardedWithTheKey() async throws {
        let upstream = CountingUpstream()
        let url = try TransportFixtures.folder("paths").appendingPathComponent("run.json")
        var configuration = TransportConfiguration(
            mode: .record, cassette: url, engine: URL(string: "https://engine.example")!, engineKey: EngineKey(TransportFixtures.key()),
            toolVersion: "test")
        configuration.upstream = upstream
        let session = try await TransportSession.start(configuration)
        for path in [
            "/v1/../../x", "/v1/%2e%2e/admin", "/v1//messages", "/v1/./messages", "/v1/messages/..", "/v2/messages", "/v1",
            "/v1/mess\\\\ages",
        ] {
            let answer = try await LoopbackClient.send(session.baseURL, path: path, token: session.token, body: ["model": "m"])
            #expect(answer.status == 404, "\(path) gets \(answer.status)")
        }
        let ok = try await LoopbackClient.send(session.baseURL, path: "/v1/messages?beta=true", token: session.token, body: ["model": "m"])
        #expect(ok.status == 200)
        let report = try await session.stop()
        #expect(upstream.paths.withLock { $0 } == ["https://engine.example/v1/messages?beta=true"], "nothing else went out with the key")
        #expect(report.warnings.filter { $0.contains("only plain /v1/ API paths") }.count == 8)
        #expect(report.cassette?.entries.count == 1)
        // The engine's spaced JSON is kept byte for byte, and still read as JSON.
        let body = try #require(report.cassette?.entries.first?.response.body)
        #expect(body == .text(#"{"type": "message", "content": []}"#))
        #expect(body.parsedJSON?["type"] == "message")
    }

    @Test func anExchangeTheEngineNeverAnsweredIsRecordedAndReplaysAsNoAnswer() async throws {
        let key = TransportFixtures.key()
        let standIn = try await TransportStandIn.start(key: key)
        defer { standIn.stop() }
        let url = try TransportFixtures.folder("unanswered").appendingPathComponent("run.json")
        let recorder = try await TransportSession.start(
            TransportConfiguration(mode: .record, cassette: url, engine: standIn.url, engineKey: EngineKey(key), toolVersion: "test"))
        // The program asks and waits; the run ends (its timeout) before the engine says anything.
        let waiting = Task { try? await LoopbackClient.send(recorder.baseURL, token: recorder.token, body: ["model": "stand-in-silent"]) }
        try await Task.sleep(for: .milliseconds(500))
        let cassette = try #require(try await recorder.stop().cassette)
        waiting.cancel()
        #expect(cassette.entries.count == 1)
        #expect(cassette.entries[0].response.isUnanswered)
        #expect(cassette.entries[0].response.status == 0)

        // Replayed, the request is matched (no miss) and gets no answer either.
        let player = try await TransportSession.start(TransportConfiguration(pace: .fast, cassette: url, toolVersion: "test"))
        let clock = ContinuousClock()
        let asked = clock.now
        let replayed = Task { try? await LoopbackClient.send(player.baseURL, token: player.token, body: ["model": "stand-in-silent"]) }
        try await Task.sleep(for: .seconds(1))
        let report = try await player.stop()
        #expect(await replayed.value == nil, "no answer came back")
        #expect(clock.now - asked >= .seconds(1))
        #expect(report.misses.isEmpty)
        #expect(report.exchanges.map(\.entryIndex) == [0])
    }
}
