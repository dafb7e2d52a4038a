import Foundation
import NotesRecords
import Testing

@testable import NotesTransport

@Suite struct RedactorTests {
    @Test(arguments: [
        "x-api-key", "Authorization", "cookie", "set-cookie", "X-Secret-Thing", "anthropic-ratelimit-tokens-remaining",
        "x-my-key", "proxy-authorization", "x-auth-user", "x-session-id",
    ])
    func credentialHeadersAreNeverStored(_ name: String) {
        #expect(Redactor.isDenied(name))
        #expect(Redactor(secrets: []).storable([CassetteHeader(name, "harmless")]).isEmpty)
    }

    @Test(arguments: [
        "anthropic-version", "anthropic-beta", "content-type", "user-agent", "x-stainless-retry-count", "request-id", "retry-after",
    ])
    func ordinaryHeadersAreKept(_ name: String) {
        #expect(!Redactor.isDenied(name))
    }

    @Test func perConnectionHeadersAreDroppedAndTheRestSorted() {
        let stored = Redactor(secrets: []).storable([
            CassetteHeader("User-Agent", "x"), CassetteHeader("Content-Length", "12"), CassetteHeader("host", "127.0.0.1:5"),
            CassetteHeader("anthropic-version", "v"), CassetteHeader("Content-Encoding", "gzip"), CassetteHeader("date", "today"),
        ])
        #expect(stored.map(\.name) == ["anthropic-version", "user-agent"])
    }

    @Test func theKeyIsScrubbedFromEveryStoredString() {
        let key = "fake-engine-key-secret-value-123"
        let redactor = Redactor(secrets: [key])
        let entry = CassetteEntry(
            startedDateTime: Date(),
            request: CassetteRequest(
                method: "POST", url: "https://engine/v1/messages?k=\(key)",
                headers: [CassetteHeader("x-api-key", key), CassetteHeader("x-note", "uses \(key)")],
                body: .json(.object([.init("messages", [["content": .string("my key is \(key)")]]), .init(key, 1)]))),
            response: CassetteResponse(
                status: 200,
                body: .events([
                    SSEEvent(offset: 1, event: "x", data: ["text": .string(key)]),
                    SSEEvent(offset: 2, event: nil, data: nil, text: nil, escapesNonASCII: false, raw: "data: \(key)\n\n"),
                ]),
                error: "failed for \(key)"))
        let redacted = redactor.redact(entry)
        let cassette = Cassette(metadata: .init(recordedAt: Date(), engine: "e", toolVersion: "t"), entries: [redacted])
        let text = String(decoding: cassette.encoded(), as: UTF8.self)
        #expect(!text.contains(key))
        #expect(text.contains(Redactor.placeholder))
        #expect(redacted.request.headers.map { $0.name } == ["x-note"])
    }

    @Test func savingFailsClosedWhenTheKeyHidesInABinaryBody() throws {
        let key = "fake-engine-key-hidden-in-binary"
        let folder = try TransportFixtures.folder("redactor")
        let url = folder.appendingPathComponent("cassette.json")
        let previous = Cassette(metadata: .init(recordedAt: Date(timeIntervalSince1970: 0), engine: "e", toolVersion: "t"))
        try previous.save(to: url)
        let leaky = Cassette(
            metadata: .init(recordedAt: Date(timeIntervalSince1970: 0), engine: "e", toolVersion: "t"),
            entries: [
                CassetteEntry(
                    startedDateTime: Date(timeIntervalSince1970: 0), request: CassetteRequest(method: "POST", url: "/v1/x"),
                    response: CassetteResponse(status: 200, body: .binary([0xFF] + Array(key.utf8))))
            ])
        #expect { try leaky.save(to: url, forbidding: [key]) } throws: { ($0 as? TransportError)?.code == .keyInCassette }
        #expect(try Cassette.load(from: url) == previous, "the previous cassette is intact")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["cassette.json"], "no temporary file is left behind")
    }
}
