/// Writes a listing as escaped HTML with `<span class="hl-XX">` tokens, straight from its UTF-8 bytes.
///
/// Lexers only say where tokens open and close (byte offsets into the input); every byte between
/// two calls is copied here, in order, exactly once. So a lexer bug can mis-colour text but can
/// never drop or duplicate it. Positions that go backwards are clamped for the same reason.
///
/// Spans open lazily, on the first byte of content, and close before every `\n` (to reopen after it
/// when content follows): no span crosses a line and no span is empty, so callers can split the
/// output into lines.
///
/// Tags go only where a character starts (`boundary(_:)`), whatever offsets a lexer passes, so the
/// output is valid UTF-8 by construction and is turned into a `String` without re-validating it.
///
/// The output is a buffer this writer owns (hence `~Copyable`, freed in `deinit`): appending to it
/// is a bounds check and a `memcpy`, where `Array.append(contentsOf:)` cost several times that per
/// tag, which mattered with three appends per token.
struct HighlightWriter: ~Copyable {
    private let input: UnsafeBufferPointer<UInt8>
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var length = 0
    /// Input before this offset has been written.
    private var flushed = 0
    /// Classes of the open tokens, one per byte, outermost in the low byte. Lexers nest two deep
    /// (an escape in a string); opens beyond eight are counted in `uncounted` and ignored.
    private var stack: UInt64 = 0
    private var depth = 0
    private var uncounted = 0
    /// How many of the open tokens' tags are written on the current line.
    private var written = 0

    /// A writer for `input`, which must outlive it.
    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        // Highlighted listings run about 2.7x their source; one allocation usually suffices.
        capacity = input.count * 3 + 256
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
    }

    // MARK: - Tokens

    /// Opens a token of class `kind` at `offset`, inside any tokens already open.
    mutating func open(_ kind: HighlightClass, at offset: Int) {
        copy(upTo: boundary(offset))
        guard depth < 8 else {
            uncounted += 1
            return
        }
        stack |= UInt64(kind.rawValue) << UInt64(depth * 8)
        depth += 1
    }

    /// Closes the innermost open token at `offset`.
    mutating func close(at offset: Int) {
        copy(upTo: boundary(offset))
        guard uncounted == 0 else {
            uncounted -= 1
            return
        }
        guard depth > 0 else { return }
        if written == depth {
            append("</span>")
            written -= 1
        }
        depth -= 1
        stack &= ~(0xFF << UInt64(depth * 8))
    }

    /// A whole token: `input[start..<end]` in a span of class `kind`.
    mutating func token(_ kind: HighlightClass, from start: Int, to end: Int) {
        open(kind, at: start)
        close(at: end)
    }

    /// Copies the rest of the input, closes what is still open (an unterminated string) and makes the string.
    mutating func finish() -> String {
        copy(upTo: input.count)
        closeWrittenTags()
        depth = 0
        let output = UnsafeBufferPointer(start: buffer, count: length)
        if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) {
            // Valid without checking: the input's bytes (a Swift string's, so valid UTF-8), each copied
            // once and in order, with only ASCII added and only where a character starts. Validating
            // anyway cost a quarter of the time on a listing with a few non-ASCII characters.
            return String(copying: UTF8Span(unchecked: output.span, isKnownASCII: isASCII(input)))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `offset`, moved past UTF-8 continuation bytes to where the next character starts.
    @inline(__always)
    private func boundary(_ offset: Int) -> Int {
        var offset = offset
        while offset > 0, offset < input.count, input[offset] & 0xC0 == 0x80 { offset += 1 }
        return offset
    }

    /// Whether every byte is ASCII (the output adds only ASCII), so the string gets its fast paths.
    private func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var bits: UInt8 = 0
        for byte in bytes { bits |= byte }
        return bits < 0x80
    }

    // MARK: - Copying

    /// `\n " & < >`: the bytes below 64 that need more than a plain copy.
    private static let specialBytes: UInt64 = 1 << 0x0A | 1 << 0x22 | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E

    /// Copies `input[flushed..<end]`, escaping it and closing spans around each newline.
    private mutating func copy(upTo end: Int) {
        let end = min(end, input.count)
        guard end > flushed else { return }
        var index = flushed
        var runStart = index
        while index < end {
            let byte = input[index]
            // Most bytes are ordinary; they are copied in runs with one memcpy.
            if byte >= 64 || Self.specialBytes >> UInt64(byte) & 1 == 0 {
                index += 1
                continue
            }
            appendRun(from: runStart, to: index)
            switch byte {
            case 0x0A:
                closeWrittenTags()
                append("\n")
            case 0x22: appendContent("&quot;")
            case 0x26: appendContent("&amp;")
            case 0x3C: appendContent("&lt;")
            default: appendContent("&gt;")
            }
            index += 1
            runStart = index
        }
        appendRun(from: runStart, to: end)
        flushed = end
    }

    private mutating func appendRun(from start: Int, to end: Int) {
        guard start < end, let base = input.baseAddress else { return }
        writePendingTags()
        append(base + start, count: end - start)
    }

    private mutating func appendContent(_ entity: StaticString) {
        writePendingTags()
        append(entity)
    }

    /// Opening tags for tokens opened since the last content (or the last newline).
    @inline(__always)
    private mutating func writePendingTags() {
        if written < depth { writeOpeningTags() }
    }

    private mutating func writeOpeningTags() {
        while written < depth {
            let kind = HighlightClass(rawValue: UInt8(truncatingIfNeeded: stack >> UInt64(written * 8))) ?? .keyword
            append(kind.openTag)
            written += 1
        }
    }

    private mutating func closeWrittenTags() {
        while written > 0 {
            append("</span>")
            written -= 1
        }
    }

    // MARK: - Buffer

    @inline(__always)
    private mutating func append(_ text: StaticString) {
        append(text.utf8Start, count: text.utf8CodeUnitCount)
    }

    @inline(__always)
    private mutating func append(_ source: UnsafePointer<UInt8>, count: Int) {
        if length + count > capacity { grow(toHold: length + count) }
        (buffer + length).initialize(from: source, count: count)
        length += count
    }

    private mutating func grow(toHold minimum: Int) {
        let newCapacity = max(capacity * 2, minimum)
        let newBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBuffer.initialize(from: buffer, count: length)
        buffer.deallocate()
        buffer = newBuffer
        capacity = newCapacity
    }
}
