/// Splits a streamed body into events as its bytes arrive, stamping each with its arrival offset.
///
/// Events end at a blank line (`\n\n`, or `\r\n\r\n` from servers that use CRLF). Bytes after the last
/// blank line when the stream ends become a final verbatim event, so nothing received is ever lost.
struct SSEParser: Sendable {
    private var buffer: [UInt8] = []
    private(set) var events: [SSEEvent] = []

    /// Adds received bytes; returns how many events were completed by them.
    @discardableResult
    mutating func feed(_ bytes: some Sequence<UInt8>, offset: Int) -> Int {
        let before = events.count
        buffer.append(contentsOf: bytes)
        while let end = Self.eventEnd(in: buffer) {
            events.append(SSEEvent.parse(Array(buffer[..<end]), offset: offset))
            buffer.removeFirst(end)
        }
        return events.count - before
    }

    /// Ends the stream, keeping any unterminated bytes as a last event.
    mutating func finish(offset: Int) {
        guard !buffer.isEmpty else { return }
        events.append(
            SSEEvent(
                offset: offset, event: nil, data: nil, text: nil, escapesNonASCII: false,
                raw: String(decoding: buffer, as: UTF8.self)))
        buffer = []
    }

    /// Index just past the first blank line, if the buffer holds a complete event.
    private static func eventEnd(in bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x0A, bytes[index + 1] == 0x0A { return index + 2 }
            if bytes[index] == 0x0D, index + 3 < bytes.count, bytes[index + 1] == 0x0A, bytes[index + 2] == 0x0D, bytes[index + 3] == 0x0A {
                return index + 4
            }
            index += 1
        }
        return nil
    }
}
