import NotesRecords

/// One server-sent event of a streamed response, with when it arrived.
///
/// Stored as `{"offset": 412, "event": "content_block_delta", "data": {...}}`. When the bytes were not
/// in the plain `event: NAME\ndata: JSON\n\n` shape (comments, `id:` lines, CRLF, several data lines,
/// JSON that does not re-serialise exactly), the event keeps its exact text in ``raw`` instead, so a
/// replay always sends the bytes that were received.
package struct SSEEvent: Sendable, Hashable {
    /// Milliseconds from the request's arrival to the end of this event.
    package var offset: Int
    /// The `event:` name, if any (`message_start`, `ping`, `error`, ...).
    package var event: String?
    /// The `data:` payload as JSON, when it round-trips byte for byte.
    package var data: JSONValue?
    /// The `data:` payload as text, when it is not JSON that round-trips.
    package var text: String?
    /// Writes `data` with `\uXXXX` escapes, as the sender did.
    package var escapesNonASCII: Bool
    /// The event's exact bytes, when they are not in the plain shape; overrides the other fields.
    package var raw: String?

    /// An event in the plain shape, as a hand-written cassette would give it.
    package init(offset: Int, event: String?, data: JSONValue) {
        self.init(offset: offset, event: event, data: data, text: nil, escapesNonASCII: false, raw: nil)
    }

    /// Creates an event from all of its parts.
    package init(offset: Int, event: String?, data: JSONValue?, text: String?, escapesNonASCII: Bool, raw: String?) {
        self.offset = offset
        self.event = event
        self.data = data
        self.text = text
        self.escapesNonASCII = escapesNonASCII
        self.raw = raw
    }

    /// The bytes to send for this event, terminating blank line included.
    package var wireBytes: [UInt8] {
        if let raw { return Array(raw.utf8) }
        var bytes: [UInt8] = []
        if let event { bytes += Array("event: \(event)\n".utf8) }
        bytes += Array("data: ".utf8)
        if let data { bytes += data.serialized(JSONFormat(escapesNonASCII: escapesNonASCII)) }
        if let text { bytes += Array(text.utf8) }
        bytes += Array("\n\n".utf8)
        return bytes
    }

    /// Reads one event's bytes (blank line included), choosing the plain shape only when it is exact.
    static func parse(_ bytes: [UInt8], offset: Int) -> SSEEvent {
        let verbatim = SSEEvent(
            offset: offset, event: nil, data: nil, text: nil, escapesNonASCII: false,
            raw: String(decoding: bytes, as: UTF8.self))
        guard let text = String(validatingUTF8: bytes), text.hasSuffix("\n\n") else { return verbatim }
        let lines = text.dropLast(2).split(separator: "\n", omittingEmptySubsequences: false)
        var name: String?
        var payload: Substring
        switch lines.count {
        case 1 where lines[0].hasPrefix("data: "):
            payload = lines[0].dropFirst(6)
        case 2 where lines[0].hasPrefix("event: ") && lines[1].hasPrefix("data: "):
            name = String(lines[0].dropFirst(7))
            payload = lines[1].dropFirst(6)
        default:
            return verbatim
        }
        var event = SSEEvent(offset: offset, event: name, data: nil, text: String(payload), escapesNonASCII: false, raw: nil)
        if let (value, escapes) = JSONValue.faithful(Array(payload.utf8)) {
            event.data = value
            event.text = nil
            event.escapesNonASCII = escapes
        }
        // Anything the plain shape cannot reproduce (a stray `\r`, say) is kept verbatim.
        return event.wireBytes == bytes ? event : verbatim
    }
}

extension String {
    /// The string for valid UTF-8 bytes, or nil (where `String(decoding:)` would repair them silently).
    init?(validatingUTF8 bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput:
                self = String(scalars)
                return
            case .error: return nil
            }
        }
    }
}
