import Foundation
import NotesRecords
import Testing

@testable import NotesTransport

@Suite struct TransportSessionReplayTests {
    static let start = Date(timeIntervalSince1970: 1_779_357_600)

    static func entry(_ body: JSONValue, _ response: CassetteResponse, timings: CassetteTimings = .init(wait: 5)) -> CassetteEntry {
        CassetteEntry(
            startedDateTime: start,
            request: CassetteRequest(method: "POST", url: "https://api.anthropic.com/v1/messages", body: .json(body)),
            response: response, timings: timings)
    }

    static func json(_ value: JSONValue, status: Int = 200, headers: [CassetteHeader] = []) -> CassetteResponse {
        CassetteResponse(status: status, headers: [CassetteHeader("content-type", "application/json")] + headers, body: .json(value))
    }

    /// Saves `entries` as a cassette and starts a replay session on it.
    static func replaying(_ entries: [CassetteEntry], pace: TransportPace = .fast) async throws -> TransportSession {
        let url = try TransportFixtures.folder("replay").appendingPathComponent("cassette.json")
        try Cassette(metadata: .init(recordedAt: start, engine: "https://api.anthropic.com", toolVersion: "test"), entries: entries).save(
            to: url)
        return try await TransportSession.start(TransportConfiguration(pace: pace, cassette: url, toolVersion: "test"))
    }

    @Test func requestsWithoutTheRunsTokenGet401InTheEnginesShape() async throws {
        let session = try await Self.replaying([Self.entry(["model": "m"], Self.json(["ok": true]))])
        for token in [nil, "fake-wrong-key", String(session.token.dropLast())] {
            let answer = try await LoopbackClient.send(session.baseURL, token: token, body: ["model": "m"])
            #expect(answer.status == 401)
            #expect(answer.json?["type"] == "error")
            #expect(answer.json?["error"]?["type"] == "authentication_error")
            #expect(answer.json?["request_id"]?.stringValue?.hasPrefix("req_") == true)
            #expect(answer.headers.value(of: "x-should-retry") == "false")
        }
        let bearer = try await LoopbackClient.send(
            session.baseURL, token: nil, headers: [("Authorization", "Bearer \(session.token)")], body: ["model": "m"])
        #expect(bearer.status == 200 && bearer.text == #"{"ok":true}"#)
        let report = try await session.stop()
        #expect(report.exchanges.map(\.status) == [401, 401, 401, 200])
        #expect(report.warnings.filter { $0.contains("refused with 401") }.count == 3)
    }

    @Test func streamedAnswersReplayByteForByteWithPingAndErrorEvents() async throws {
        var parser = SSEParser()
        let wire = """
            event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","content":[]}}\n\n\
            event: ping\ndata: {"type": "ping"}\n\n\
            event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Hmm… ☕"}}\n\n\
            : comment\n\n\
            event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n
            """
        parser.feed(Array(wire.utf8), offset: 3)
        let response = CassetteResponse(
            status: 200,
            headers: [CassetteHeader("content-type", "text/event-stream; charset=utf-8"), CassetteHeader("request-id", "req_1")],
            body: .events(parser.events))
        for pace in TransportPace.allCases {
            let session = try await Self.replaying([Self.entry(["stream": true], response)], pace: pace)
            let answer = try await LoopbackClient.send(session.baseURL, token: session.token, body: ["stream": true])
            #expect(answer.text == wire, "pace \(pace)")
            #expect(answer.headers.value(of: "content-type") == "text/event-stream; charset=utf-8")
            #expect(answer.headers.value(of: "request-id") == "req_1")
            _ = try await session.stop()
        }
    }

    @Test func aRecordedDropIsReplayedAsADrop() async throws {
        var cut = SSEParser()
        cut.feed(Array("event: message_start\ndata: {}\n\nevent: content_block_delta\ndata: {\"a\":1}\n\n".utf8), offset: 1)
        let session = try await Self.replaying([
            Self.entry(["n": 1], CassetteResponse(status: 0, error: "connection to the engine failed before a response")),
            Self.entry(
                ["n": 2],
                CassetteResponse(
                    status: 200, headers: [CassetteHeader("content-type", "text/event-stream")], body: .events(cut.events),
                    error: "the engine closed the connection before the end of the body")),
        ])
        await #expect(throws: (any Error).self) { try await LoopbackClient.send(session.baseURL, token: session.token, body: ["n": 1]) }
        await #expect(throws: (any Error).self) { try await LoopbackClient.send(session.baseURL, token: session.token, body: ["n": 2]) }
        let report = try await session.stop()
        #expect(report.exchanges.map(\.status) == [0, 200])
        #expect(report.exchanges.map(\.entryIndex) == [0, 1])
        #expect(report.misses.isEmpty)
    }

    @Test func aMissGets400NamingTheRequestAndIsReportedWithItsDiff() async throws {
        let session = try await Self.replaying([
            Self.entry(["messages": [["content": "Plan lunch with Sarah", "role": "user"]], "model": "m"], Self.json(["ok": 1]))
        ])
        let answer = try await LoopbackClient.send(
            session.baseURL, token: session.token,
            body: ["model": "m", "messages": [["role": "user", "content": "Plan lunch with Trish"]]])
        #expect(answer.status == 400)
        #expect(answer.json?["error"]?["type"] == "invalid_request_error")
        let message = answer.json?["error"]?["message"]?.stringValue ?? ""
        #expect(message.hasPrefix("notes replay: request 1 (POST /v1/messages) is not in the cassette"))
        #expect(message.contains(#"$.messages[0].content: recorded "Plan lunch with Sarah", now "Plan lunch with Trish""#))
        let report = try await session.stop()
        #expect(report.misses.map(\.number) == [1])
        #expect(report.misses.first?.closestEntry == 0)
        #expect(report.warnings.contains("the cassette has 1 exchange(s) this run never asked for (entries 0)"))
    }

    @Test func replayedFailuresCarryATinyRetryAfterSoClientsDoNotSleep() async throws {
        let overloaded = Self.json(
            ["type": "error"], status: 529, headers: [CassetteHeader("retry-after", "30"), CassetteHeader("retry-after-ms", "30000")])
        let session = try await Self.replaying([Self.entry(["m": 1], overloaded), Self.entry(["m": 1], Self.json(["ok": 1]))])
        let first = try await LoopbackClient.send(session.baseURL, token: session.token, body: ["m": 1])
        let second = try await LoopbackClient.send(session.baseURL, token: session.token, body: ["m": 1])
        #expect(first.status == 529 && second.status == 200, "identical requests are answered in recorded order")
        #expect(first.headers.value(of: "retry-after-ms") == "1")
        #expect(second.headers.value(of: "retry-after-ms") == nil)
        _ = try await session.stop()
    }

    @Test func recordedPaceTakesAtLeastTheRecordedTime() async throws {
        var parser = SSEParser()
        parser.feed(Array("event: a\ndata: {}\n\n".utf8), offset: 150)
        parser.feed(Array("event: b\ndata: {}\n\n".utf8), offset: 300)
        let session = try await Self.replaying(
            [
                Self.entry(["plain": 1], Self.json(["ok": 1]), timings: CassetteTimings(send: 0, wait: 200, receive: 50)),
                Self.entry(
                    ["stream": 1],
                    CassetteResponse(
                        status: 200, headers: [CassetteHeader("content-type", "text/event-stream")], body: .events(parser.events)),
                    timings: CassetteTimings(wait: 150, receive: 150)),
            ], pace: .recorded)
        let clock = ContinuousClock()
        let plain = try await clock.measure { _ = try await LoopbackClient.send(session.baseURL, token: session.token, body: ["plain": 1]) }
        let streamed = try await clock.measure {
            _ = try await LoopbackClient.send(session.baseURL, token: session.token, body: ["stream": 1])
        }
        // Lower bounds only: a loaded machine may be slower, never faster.
        #expect(plain >= .milliseconds(250))
        #expect(streamed >= .milliseconds(300))
        let report = try await session.stop()
        for exchange in report.exchanges {
            let first = try #require(exchange.firstByte)
            let end = try #require(exchange.end)
            #expect(exchange.received <= first && first <= end)
        }
        #expect(try #require(report.exchanges[1].firstByte) - report.exchanges[1].received >= .milliseconds(150))
    }

    @Test func sessionsRunSideBySideWithTheirOwnTokensAndCassettes() async throws {
        let a = try await Self.replaying((0..<10).map { Self.entry(["n": .int($0)], Self.json(["from": "a", "n": .int($0)])) })
        let b = try await Self.replaying((0..<10).map { Self.entry(["n": .int($0)], Self.json(["from": "b", "n": .int($0)])) })
        #expect(a.baseURL != b.baseURL && a.token != b.token)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<10 {
                for (session, name) in [(a, "a"), (b, "b")] {
                    group.addTask {
                        let answer = try await LoopbackClient.send(session.baseURL, token: session.token, body: ["n": .int(n)])
                        #expect(answer.json?["n"] == .int(n))
                        #expect(answer.json?["from"] == .string(name))
                    }
                }
            }
            try await group.waitForAll()
        }
        let crossed = try await LoopbackClient.send(a.baseURL, token: b.token, body: ["n": 0])
        #expect(crossed.status == 401, "one run's token does not open another run's transport")
        let first = try await a.stop()
        let second = try await b.stop()
        #expect(first.exchanges.map(\.number) == Array(1...11))
        #expect(Set(first.exchanges.compactMap(\.entryIndex)) == Set(0..<10))
        #expect(second.misses.isEmpty && second.exchanges.count == 10)
    }

    @Test func aHandWrittenCassetteReplays() async throws {
        let session = try await TransportSession.start(
            TransportConfiguration(pace: .fast, cassette: TransportFixtures.fixture("handwritten.json"), toolVersion: "test"))
        let streamed = try await LoopbackClient.send(
            session.baseURL, token: session.token,
            body: [
                "model": "claude-sonnet-4-6", "max_tokens": 64, "stream": true, "messages": [["role": "user", "content": "Say hello."]],
            ])
        #expect(streamed.text.contains(#"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello!"}}"#))
        let plain = try await LoopbackClient.send(
            session.baseURL, token: session.token,
            body: ["messages": [["role": "user", "content": "Say goodbye."]], "model": "claude-sonnet-4-6", "max_tokens": 64])
        #expect(plain.json?["content"]?[0]?["text"] == "Goodbye!")
        let report = try await session.stop()
        #expect(report.misses.isEmpty && report.warnings.isEmpty)
        #expect(report.entry(for: report.exchanges[1])?.response.status == 200)
    }

    @Test func theProgramsEnvironmentCarriesTheTokenAndNoCredential() async throws {
        let session = try await Self.replaying([])
        let key = TransportFixtures.key()
        let environment = session.environment(inheriting: [
            "PATH": "/usr/bin", "ANTHROPIC_API_KEY": key, "ANTHROPIC_AUTH_TOKEN": "oauth-token-value", "COPY": "x\(key)x",
            "OTHER": "oauth-token-value", "ANTHROPIC_BASE_URL": "https://api.anthropic.com", "ANTHROPIC_MODEL": "m",
        ])
        #expect(
            environment == [
                "PATH": "/usr/bin", "ANTHROPIC_MODEL": "m", "ANTHROPIC_API_KEY": session.token,
                "ANTHROPIC_BASE_URL": session.baseURL.absoluteString,
            ])
        _ = try await session.stop()
        await #expect(throws: TransportError.self) { _ = try await session.stop() }
    }

    @Test func recordAndLiveNeedAKeyButReplayNever() async throws {
        await #expect {
            _ = try await TransportSession.start(
                TransportConfiguration(mode: .record, cassette: URL(fileURLWithPath: "/tmp/x.json"), toolVersion: "t"))
        } throws: { ($0 as? TransportError)?.code == .keyMissing }
        await #expect {
            _ = try await TransportSession.start(
                TransportConfiguration(
                    mode: .live, cassette: nil, engine: URL(string: "ftp://x")!, engineKey: EngineKey("k"), toolVersion: "t"))
        } throws: { ($0 as? TransportError)?.code == .invalidEngine }
        #expect(String(describing: EngineKey("fake-secret-0")) == "EngineKey(redacted, 13 characters)")
        #expect(!String(reflecting: EngineKey("fake-secret-0")).contains("secret"))
    }

    @Test func dotEnvFilesAreReadLikePythonDotenv() {
        let text = """
            # comment
            OTHER=1
            export ANTHROPIC_API_KEY="fake-quoted-key" # trailing
            """
        #expect(EngineKey.dotEnvValue(named: "ANTHROPIC_API_KEY", in: text) == "fake-quoted-key")
        #expect(EngineKey.dotEnvValue(named: "ANTHROPIC_API_KEY", in: "ANTHROPIC_API_KEY=sk-plain # note") == "sk-plain")
        #expect(EngineKey.dotEnvValue(named: "ANTHROPIC_API_KEY", in: "ANTHROPIC_API_KEY=") == nil)
    }
}
