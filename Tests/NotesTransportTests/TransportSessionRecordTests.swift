import Foundation
import NotesRecords
import NotesTestSupport
import Testing

@testable import NotesTransport

@Suite struct TransportSessionRecordTests {
    static let tools: JSONValue = ["model": "stand-in-tools", "max_tokens": 64, "messages": [["role": "user", "content": "Plan it"]]]
    static let stream: JSONValue = [
        "model": "stand-in-tools", "max_tokens": 64, "stream": true, "thinking": ["type": "enabled"],
        "messages": [["role": "user", "content": "Plan it"]],
    ]

    /// Sends the same mix of requests a real agent run would: JSON, a stream, a failure and its retry.
    static func exercise(_ session: TransportSession) async throws -> [LoopbackClient.Answer] {
        var answers: [LoopbackClient.Answer] = []
        answers.append(
            try await LoopbackClient.send(
                session.baseURL, token: session.token, headers: [("anthropic-version", "2026-10-21")], body: tools))
        answers.append(
            try await LoopbackClient.send(
                session.baseURL, token: nil, headers: [("Authorization", "Bearer \(session.token)")], body: stream))
        for _ in 0..<2 {
            answers.append(
                try await LoopbackClient.send(
                    session.baseURL, token: session.token, body: ["model": "stand-in-rate-limited", "messages": []]))
        }
        answers.append(try await LoopbackClient.send(session.baseURL, path: "/v1/models", method: "GET", token: session.token))
        return answers
    }

    @Test func recordingKeepsEveryExchangeRedactedAndReplaysTheSameBytes() async throws {
        let key = TransportFixtures.key()
        let folder = try TransportFixtures.folder("record")
        let url = folder.appendingPathComponent("run.json")
        let standIn = try await TransportStandIn.start(key: key)
        let recorder = try await TransportSession.start(
            TransportConfiguration(mode: .record, cassette: url, engine: standIn.url, engineKey: EngineKey(key), toolVersion: "test"))
        let recorded = try await Self.exercise(recorder)
        await #expect(throws: (any Error).self, "a dropped connection reaches the client as a drop") {
            _ = try await LoopbackClient.send(recorder.baseURL, token: recorder.token, body: ["model": "stand-in-drop", "messages": []])
        }
        let leak = try await LoopbackClient.send(recorder.baseURL, token: recorder.token, body: ["model": "stand-in-leak", "messages": []])
        #expect(leak.text.contains(key), "the engine's own answer reaches the program unchanged")
        let report = try await recorder.stop()
        standIn.stop()

        #expect(recorded.map(\.status) == [200, 200, 429, 200, 200])
        let cassette = try Cassette.load(from: url)
        let written = String(decoding: cassette.encoded(), as: UTF8.self)
        let reported = String(decoding: report.cassette?.encoded() ?? [], as: UTF8.self)
        #expect(cassette.encoded() == report.cassette?.encoded(), "the report holds what was written: \(lineDiff(written, reported))")
        #expect(cassette.entries.map(\.response.status) == [200, 200, 429, 200, 200, 0, 200])
        #expect(report.exchanges.map(\.entryIndex) == Array(0..<7))
        #expect(cassette.metadata.engine == standIn.url.absoluteString)
        #expect(cassette.metadata.provenance == .recorded)
        #expect(cassette.entries[0].request.url == standIn.url.absoluteString + "/v1/messages")
        #expect(cassette.entries[0].response.body.json?["content"]?[1]?["type"] == "tool_use")
        let events = try #require(cassette.entries[1].response.body.events)
        #expect(events.contains { $0.event == "ping" && $0.text == #"{"type": "ping"}"# })
        #expect(
            Set(events.compactMap { $0.data?["delta"]?["type"]?.stringValue }) == [
                "thinking_delta", "signature_delta", "text_delta", "input_json_delta",
            ])
        #expect(events.map(\.offset) == events.map(\.offset).sorted())
        #expect(cassette.entries[5].response.error != nil)

        // Default deny: credentials, cookies and anything named like a token never reach the file.
        let text = String(decoding: cassette.encoded(), as: UTF8.self)
        for name in ["x-api-key", "authorization", "set-cookie", "anthropic-ratelimit-tokens-remaining"] {
            #expect(
                cassette.entries.allSatisfy { $0.request.headers.value(of: name) == nil && $0.response.headers.value(of: name) == nil },
                "\(name)")
        }
        #expect(cassette.entries[0].response.headers.value(of: "anthropic-ratelimit-requests-remaining") == "49")
        #expect(!text.contains(key) && !text.contains(recorder.token))
        #expect(
            cassette.entries[6].response.body.json?["content"]?[0]?["text"] == .string("Debug: you called me with \(Redactor.placeholder).")
        )
        TransportFixtures.expectAbsent(key, under: folder)

        // Offline now: the replay must give the program exactly what the recording gave it.
        let player = try await TransportSession.start(TransportConfiguration(pace: .fast, cassette: url, toolVersion: "test"))
        let replayed = try await Self.exercise(player)
        #expect(replayed.map(\.status) == recorded.map(\.status))
        #expect(replayed.map(\.text) == recorded.map(\.text))
        let replay = try await player.stop()
        #expect(replay.misses.isEmpty)
        #expect(replay.warnings == ["the cassette has 2 exchange(s) this run never asked for (entries 5, 6)"])
    }

    @Test func reRecordingTheSameExchangesGivesTheSameCassetteApartFromTimes() async throws {
        let key = TransportFixtures.key()
        let folder = try TransportFixtures.folder("stable")
        var files: [String] = []
        for round in 0..<2 {
            let standIn = try await TransportStandIn.start(key: key)
            let url = folder.appendingPathComponent("run\(round).json")
            let session = try await TransportSession.start(
                TransportConfiguration(mode: .record, cassette: url, engine: standIn.url, engineKey: EngineKey(key), toolVersion: "test"))
            _ = try await Self.exercise(session)
            var cassette = try #require(try await session.stop().cassette)
            standIn.stop()
            // Times and the stand-in's port differ between runs by nature; everything else must not.
            cassette.metadata.recordedAt = Date(timeIntervalSince1970: 0)
            cassette.metadata.engine = "engine"
            for index in cassette.entries.indices {
                cassette.entries[index].startedDateTime = Date(timeIntervalSince1970: 0)
                cassette.entries[index].timings = CassetteTimings()
                cassette.entries[index].request.url = cassette.entries[index].request.path
                if case .events(var events) = cassette.entries[index].response.body {
                    for event in events.indices { events[event].offset = 0 }
                    cassette.entries[index].response.body = .events(events)
                }
            }
            files.append(String(decoding: cassette.encoded(), as: UTF8.self))
        }
        #expect(files[0] == files[1], "\(lineDiff(files[0], files[1]))")
    }

    @Test func aKeyInABinaryAnswerIsScrubbedByteForByte() async throws {
        let key = TransportFixtures.key()
        let url = try TransportFixtures.folder("binary").appendingPathComponent("run.json")
        var configuration = TransportConfiguration(mode: .record, cassette: url, engineKey: EngineKey(key), toolVersion: "test")
        // An engine answering with bytes that are not text, the key among them.
        configuration.upstream = BinaryUpstream(body: [0xFF, 0xFE] + Array(key.utf8) + [0x00])
        let session = try await TransportSession.start(configuration)
        let answer = try await LoopbackClient.send(session.baseURL, token: session.token, body: ["model": "m"])
        #expect(answer.body == [0xFF, 0xFE] + Array(key.utf8) + [0x00], "the program gets the engine's bytes")
        _ = try await session.stop()
        let stored = try Cassette.load(from: url).entries[0].response.body
        #expect(stored == .binary([0xFF, 0xFE] + Array(Redactor.placeholder.utf8) + [0x00]))
        TransportFixtures.expectAbsent(key, under: url.deletingLastPathComponent())
    }

    @Test func anUnreachableEngineIsADroppedConnectionAndAWarning() async throws {
        let url = try TransportFixtures.folder("unreachable").appendingPathComponent("run.json")
        let session = try await TransportSession.start(
            TransportConfiguration(
                mode: .record, cassette: url, engine: URL(string: "http://127.0.0.1:9")!,
                engineKey: EngineKey(TransportFixtures.key()), toolVersion: "test"))
        await #expect(throws: (any Error).self) {
            _ = try await LoopbackClient.send(session.baseURL, token: session.token, body: ["model": "m"])
        }
        let report = try await session.stop()
        #expect(
            report.warnings.count == 1 && report.warnings[0].hasPrefix("request 1 (POST /v1/messages): the engine could not be reached"))
        #expect(report.cassette?.entries.map(\.response.status) == [0])
    }

    @Test func liveModeForwardsAndKeepsNothing() async throws {
        let key = TransportFixtures.key()
        let folder = try TransportFixtures.folder("live")
        let standIn = try await TransportStandIn.start(key: key)
        defer { standIn.stop() }
        let session = try await TransportSession.start(
            TransportConfiguration(mode: .live, cassette: nil, engine: standIn.url, engineKey: EngineKey(key), toolVersion: "test"))
        let answer = try await LoopbackClient.send(session.baseURL, token: session.token, body: Self.tools)
        #expect(answer.status == 200)
        let report = try await session.stop()
        #expect(report.cassette == nil && report.exchanges.count == 1 && report.exchanges[0].entryIndex == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}

/// An upstream that answers every request with the same binary body.
struct BinaryUpstream: HTTPUpstream {
    var body: [UInt8]

    func send(_ request: UpstreamRequest, timeout: Duration) async throws -> UpstreamResponse {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        continuation.yield(body)
        continuation.finish()
        return UpstreamResponse(
            status: 200, reason: "OK", headers: [CassetteHeader("content-type", "application/octet-stream")], body: stream)
    }

    func shutdown() async {}
}
