import Foundation
import NotesRecords
import NotesTestSupport
import Testing

@testable import NotesTransport

/// The leg from the transport to the engine (libcurl): HTTPS with only the authorities it is told
/// to trust, bodies passed through as the engine encoded them, redirects handed to the program.
@Suite struct EngineLegTests {
    static let echo: JSONValue = ["model": "stand-in-gzip", "max_tokens": 8, "messages": [["role": "user", "content": "Plan it"]]]

    @Test func recordingOverHTTPSTrustsTheGivenAuthorityAndNothingElse() async throws {
        let key = TransportFixtures.key()
        let authority = try TestCertificateAuthority.make()
        let standIn = try await TransportStandIn.start(key: key, tls: authority)
        defer { standIn.stop() }
        #expect(standIn.url.scheme == "https")
        let folder = try TransportFixtures.folder("https")

        var trusting = TransportConfiguration(
            mode: .record, cassette: folder.appendingPathComponent("run.json"), engine: standIn.url, engineKey: EngineKey(key),
            toolVersion: "test")
        trusting.certificateAuthorities = authority.certificate
        let session = try await TransportSession.start(trusting)
        let answer = try await LoopbackClient.send(session.baseURL, token: session.token, body: TransportSessionRecordTests.tools)
        #expect(answer.status == 200)
        let cassette = try #require(try await session.stop().cassette)
        #expect(cassette.entries.map(\.request.url) == [standIn.url.absoluteString + "/v1/messages"])
        #expect(cassette.entries[0].response.body.json?["content"]?[1]?["type"] == "tool_use")

        // The system's authorities do not include the test one: the connection is refused, as a
        // program talking to such an engine directly would see it.
        let strict = try await TransportSession.start(
            TransportConfiguration(
                mode: .record, cassette: folder.appendingPathComponent("refused.json"), engine: standIn.url, engineKey: EngineKey(key),
                toolVersion: "test"))
        await #expect(throws: (any Error).self) {
            _ = try await LoopbackClient.send(strict.baseURL, token: strict.token, body: TransportSessionRecordTests.tools)
        }
        let refused = try await strict.stop()
        #expect(refused.warnings.count == 1)
        #expect(refused.warnings.first?.contains("certificate") == true, "\(refused.warnings)")
        TransportFixtures.expectAbsent(key, under: folder)
    }

    @Test func gzipReachesTheProgramAsTheEngineSentItAndTheCassetteKeepsItReadable() async throws {
        let key = TransportFixtures.key()
        let standIn = try await TransportStandIn.start(key: key)
        defer { standIn.stop() }
        let url = try TransportFixtures.folder("gzip").appendingPathComponent("run.json")
        let session = try await TransportSession.start(
            TransportConfiguration(mode: .record, cassette: url, engine: standIn.url, engineKey: EngineKey(key), toolVersion: "test"))
        // What httpx sends with brotli installed: codings a cassette cannot decode are not asked for.
        let answer = try await LoopbackClient.send(
            session.baseURL, token: session.token, headers: [("accept-encoding", "gzip, deflate, br, zstd")], body: Self.echo)
        #expect(answer.status == 200)
        #expect(answer.headers.value(of: "content-encoding") == "gzip")
        #expect(Array(answer.body.prefix(2)) == [0x1F, 0x8B], "the program gets the engine's gzip bytes, untouched")
        let decoded = try #require(ContentDecoder(encoding: "gzip")?.decode(answer.body))
        let message = try JSONValue(parsing: decoded)
        #expect(message["content"]?[1]?["text"] == "accepted: gzip, deflate")
        let cassette = try #require(try await session.stop().cassette)
        #expect(cassette.entries[0].response.body.json == message, "the cassette keeps the JSON, decoded")
        #expect(cassette.entries[0].response.headers.value(of: "content-encoding") == nil)

        // Replayed, the program gets the same message, unencoded.
        let player = try await TransportSession.start(TransportConfiguration(pace: .fast, cassette: url, toolVersion: "test"))
        let replayed = try await LoopbackClient.send(
            player.baseURL, token: player.token, headers: [("accept-encoding", "gzip, deflate, br, zstd")], body: Self.echo)
        #expect(replayed.json == message)
        #expect(try await player.stop().misses.isEmpty)
    }

    @Test func aRedirectReachesTheProgramUnfollowedAndIsRecorded() async throws {
        let key = TransportFixtures.key()
        let standIn = try await TransportStandIn.start(key: key)
        defer { standIn.stop() }
        let url = try TransportFixtures.folder("redirect").appendingPathComponent("run.json")
        let session = try await TransportSession.start(
            TransportConfiguration(mode: .record, cassette: url, engine: standIn.url, engineKey: EngineKey(key), toolVersion: "test"))
        let answer = try await LoopbackClient.send(
            session.baseURL, token: session.token, body: ["model": "stand-in-redirect", "messages": []])
        #expect(answer.status == 307)
        #expect(answer.headers.value(of: "location") == "/v1/elsewhere")
        let cassette = try #require(try await session.stop().cassette)
        #expect(cassette.entries.map(\.response.status) == [307])
        #expect(cassette.entries[0].response.statusText == "Temporary Redirect")
    }

    @Test func aProgramThatHangsUpMidStreamEndsTheExchangeWithTheEngine() async throws {
        let key = TransportFixtures.key()
        let standIn = try await TransportStandIn.start(key: key)
        defer { standIn.stop() }
        let url = try TransportFixtures.folder("hangup").appendingPathComponent("run.json")
        let session = try await TransportSession.start(
            TransportConfiguration(mode: .record, cassette: url, engine: standIn.url, engineKey: EngineKey(key), toolVersion: "test"))
        try await LoopbackClient.hangUpAfterFirstBytes(
            session.baseURL, token: session.token, body: ["model": "stand-in-slow-stream", "stream": true, "messages": []])
        // The stand-in streams for 30 s; it must see its client (the transport) leave within seconds.
        var hangups = 0
        for _ in 0..<50 where hangups == 0 {
            try await Task.sleep(for: .milliseconds(100))
            let direct = try await LoopbackClient.send(standIn.url, path: "/v1/_hangups", method: "GET", token: key)
            hangups = direct.json?["hangups"]?.intValue ?? 0
        }
        #expect(hangups == 1)
        let cassette = try #require(try await session.stop().cassette)
        #expect(cassette.entries.first?.response.error == "the client closed the connection before the end")
    }

    @Test func anEngineThatNeverAnswersIsCutOffAfterTheTimeout() async throws {
        let key = TransportFixtures.key()
        let standIn = try await TransportStandIn.start(key: key)
        defer { standIn.stop() }
        let url = try TransportFixtures.folder("silent").appendingPathComponent("run.json")
        var configuration = TransportConfiguration(
            mode: .record, cassette: url, engine: standIn.url, engineKey: EngineKey(key), toolVersion: "test")
        configuration.upstreamTimeout = .seconds(1)
        let session = try await TransportSession.start(configuration)
        let clock = ContinuousClock()
        let elapsed = await clock.measure {
            await #expect(throws: (any Error).self) {
                _ = try await LoopbackClient.send(
                    session.baseURL, token: session.token, body: ["model": "stand-in-silent", "messages": []])
            }
        }
        #expect(elapsed < .seconds(20), "cut off by the timeout, not by the stand-in's 60 s")
        let report = try await session.stop()
        #expect(report.warnings.first?.contains("timed out: the engine sent nothing for 1 s") == true, "\(report.warnings)")
    }
}
