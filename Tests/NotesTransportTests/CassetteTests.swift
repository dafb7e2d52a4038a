import Foundation
import NotesDiagnostics
import NotesRecords
import NotesTestSupport
import Testing

@testable import NotesTransport

@Suite struct CassetteTests {
    static let recordedAt = Date(timeIntervalSince1970: 1_779_357_600)

    /// One entry of every body kind, as a recording would produce them.
    static var sample: Cassette {
        let request = CassetteRequest(
            method: "POST", url: "https://api.anthropic.com/v1/messages",
            headers: [CassetteHeader("anthropic-version", "2026-10-21"), CassetteHeader("user-agent", "Anthropic/Python 2.10.0")],
            body: .json(["max_tokens": 512, "messages": [["content": "Hi", "role": "user"]], "model": "claude-sonnet-4-6", "stream": true]))
        let events: [SSEEvent] = [
            SSEEvent(offset: 410, event: "message_start", data: ["type": "message_start", "message": ["id": "msg_01", "content": []]]),
            SSEEvent(offset: 411, event: "ping", data: nil, text: #"{"type": "ping"}"#, escapesNonASCII: false, raw: nil),
            SSEEvent(
                offset: 530, event: "content_block_delta",
                data: ["type": "content_block_delta", "index": 0, "delta": ["type": "text_delta", "text": "Café ☕"]]),
            SSEEvent(offset: 531, event: nil, data: nil, text: nil, escapesNonASCII: false, raw: ": keep-alive\n\n"),
            SSEEvent(offset: 600, event: "message_stop", data: ["type": "message_stop"]),
        ]
        return Cassette(
            metadata: .init(
                recordedAt: recordedAt, engine: "https://api.anthropic.com", client: "Anthropic/Python 2.10.0", toolVersion: "0.1.0"),
            entries: [
                CassetteEntry(
                    startedDateTime: recordedAt.addingTimeInterval(0.25), request: request,
                    response: CassetteResponse(
                        status: 200, statusText: "OK", headers: [CassetteHeader("content-type", "text/event-stream; charset=utf-8")],
                        body: .events(events)),
                    timings: CassetteTimings(send: 1, wait: 409, receive: 190)),
                CassetteEntry(
                    startedDateTime: recordedAt.addingTimeInterval(1),
                    request: CassetteRequest(method: "GET", url: "https://api.anthropic.com/v1/models?limit=2"),
                    response: CassetteResponse(
                        status: 529, headers: [CassetteHeader("retry-after", "1")],
                        body: .json(["type": "error", "error": ["type": "overloaded_error", "message": "Overloaded"]])),
                    timings: CassetteTimings(wait: 30), comment: "an overloaded engine"),
                CassetteEntry(
                    startedDateTime: recordedAt.addingTimeInterval(2),
                    request: CassetteRequest(method: "POST", url: "/v1/messages", body: .text("not json")),
                    response: CassetteResponse(status: 0, body: .empty, error: "connection to the engine failed before a response")),
                CassetteEntry(
                    startedDateTime: recordedAt.addingTimeInterval(3),
                    request: CassetteRequest(method: "POST", url: "/v1/files", body: .binary([0, 1, 255])),
                    response: CassetteResponse(status: 200, body: .json(["a": .number("1.0")], escapesNonASCII: true))),
            ])
    }

    @Test func theFileMatchesItsGoldenCopy() {
        expectSnapshot(String(decoding: Self.sample.encoded(), as: UTF8.self), named: "sample-cassette.json")
    }

    @Test func decodingGivesBackTheSameCassette() throws {
        let decoded = try Cassette(decoding: Self.sample.encoded(), path: "sample.json")
        #expect(decoded == Self.sample)
        #expect(decoded.encoded() == Self.sample.encoded(), "re-encoding is byte-stable")
        #expect(decoded.offset(of: decoded.entries[0]) == 250)
        #expect(decoded.entries[0].firstEventOffset == 410)
        #expect(decoded.entries[1].request.path == "/v1/models?limit=2")
    }

    @Test func aHandWrittenCassetteLoads() throws {
        let cassette = try Cassette.load(from: TransportFixtures.fixture("handwritten.json"))
        #expect(cassette.metadata.provenance == .reconstructed)
        #expect(cassette.entries.count == 2)
        #expect(
            cassette.entries[0].response.body.events?.map(\.event) == [
                "message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop",
            ])
        #expect(cassette.entries[1].timings == CassetteTimings(send: 0, wait: 900, receive: 0))
    }

    @Test func aNewerFormatIsRefusedWithAHint() {
        let text =
            #"{"log":{"entries":[],"_notes":{"format":99,"recorded_at":"2026-05-21T10:00:00Z","engine":"e","provenance":"recorded"}}}"#
        #expect { try Cassette(decoding: Array(text.utf8), path: "new.json") } throws: { error in
            (error as? TransportError)?.code == .unsupportedFormat
        }
    }

    @Test func aBadFieldIsNamedByItsPath() {
        let text =
            #"{"log":{"entries":[{"startedDateTime":"2026-05-21T10:00:00Z","request":{"method":"POST","url":"/v1/messages"},"response":{"status":"200"}}],"_notes":{"format":1,"recorded_at":"2026-05-21T10:00:00Z","engine":"e","provenance":"recorded"}}}"#
        #expect { try Cassette(decoding: Array(text.utf8), path: "bad.json") } throws: { error in
            (error as? TransportError)?.description == """
                bad.json: error: log.entries[0].response.status must be a number
                  help: see docs/transport.md for the cassette format
                """
        }
    }

    @Test func aMissingCassetteSaysHowToRecordIt() {
        #expect { try Cassette.load(from: URL(fileURLWithPath: "/nonexistent/run.json")) } throws: { error in
            let description = (error as? TransportError)?.description ?? ""
            return (error as? TransportError)?.code == .cassetteMissing
                && description.contains("help: record it first with `notes exec --record")
        }
    }

    @Test func savingReplacesAtomicallyAndAFailedSaveKeepsThePreviousFile() throws {
        let folder = try TransportFixtures.folder("atomic")
        let url = folder.appendingPathComponent("nested/run.json")
        try Self.sample.save(to: url)
        #expect(try Cassette.load(from: url) == Self.sample)
        let before = try Data(contentsOf: url)
        // Make the rename fail: the target path turns into a non-empty folder.
        let blocked = folder.appendingPathComponent("blocked.json")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect { try Self.sample.save(to: blocked) } throws: { ($0 as? TransportError)?.code == .writeFailed }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["blocked.json", "nested"],
            "no temporary file is left")
        #expect(try Data(contentsOf: url) == before)
    }

    // Moved from JSONValueTests when JSONValue moved to NotesRecords.
    @Test func bodiesThatDoNotRoundTripAreNotStoredAsJSON() {
        #expect(CassetteBody.capture(Array(#"{"type": "ping"}"#.utf8)) == .text(#"{"type": "ping"}"#))
        #expect(CassetteBody.capture([0xFF, 0x00, 0x41]) == .binary([0xFF, 0x00, 0x41]))
        #expect(CassetteBody.capture(Array(#"{"a":[1,2]}"#.utf8)).json == ["a": [1, 2]])
    }
}
