import NotesRecords
import Testing

@testable import NotesTransport

@Suite struct SSEParserTests {
    static let stream = """
        event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","content":[]}}\n\n\
        event: ping\ndata: {"type": "ping"}\n\n\
        event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hé"}}\n\n\
        : a comment line\nevent: custom\nid: 7\ndata: x\n\n\
        event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n
        """

    @Test func eventsSplitAcrossChunksAreReassembledWithTheirOffsets() {
        var parser = SSEParser()
        let bytes = Array(Self.stream.utf8)
        // Feed in awkward 7-byte chunks, one millisecond apart.
        for (index, start) in stride(from: 0, to: bytes.count, by: 7).enumerated() {
            parser.feed(bytes[start..<min(start + 7, bytes.count)], offset: index)
        }
        parser.finish(offset: 999)
        let events = parser.events
        #expect(events.map(\.event) == ["message_start", "ping", "content_block_delta", nil, "error"])
        #expect(events.map(\.offset) == events.map(\.offset).sorted())
        #expect(events[0].data?["message"]?["id"] == "msg_1")
        #expect(events[1].data == nil && events[1].text == #"{"type": "ping"}"#, "non-compact JSON is kept as text")
        #expect(events[3].raw == ": a comment line\nevent: custom\nid: 7\ndata: x\n\n", "unusual shapes are kept verbatim")
        #expect(events[4].data?["error"]?["type"] == "overloaded_error")
    }

    @Test func replayedBytesEqualReceivedBytes() {
        var parser = SSEParser()
        parser.feed(Array(Self.stream.utf8), offset: 0)
        parser.feed(Array("data: trailing without blank line".utf8), offset: 5)
        parser.finish(offset: 6)
        #expect(CassetteBody.events(parser.events).wireBytes == Array((Self.stream + "data: trailing without blank line").utf8))
    }

    @Test func crlfStreamsAreKeptVerbatim() {
        var parser = SSEParser()
        let text = "event: ping\r\ndata: {}\r\n\r\nevent: ping\r\ndata: {}\r\n\r\n"
        parser.feed(Array(text.utf8), offset: 3)
        #expect(parser.events.count == 2)
        #expect(parser.events.allSatisfy { $0.raw != nil })
        #expect(CassetteBody.events(parser.events).wireBytes == Array(text.utf8))
    }
}
