/// A cursor over a listing's UTF-8 bytes, shared by every lexer, with the writer it feeds (and so
/// `~Copyable`, like the writer whose buffer it owns).
///
/// Reading past the end yields 0, so lexers can look ahead without bounds checks of their own;
/// loops still stop on `atEnd`, so a NUL in the input is just another byte.
struct HighlightScanner: ~Copyable {
    /// The listing; it outlives the scanner (both live inside one `withContiguousStorage` call).
    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    var pos = 0
    /// Where tokens go.
    var html: HighlightWriter

    /// A scanner at the start of `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.html = HighlightWriter(input: bytes)
    }

    /// Whether every byte has been read.
    var atEnd: Bool { pos >= bytes.count }

    /// The byte `offset` places ahead of `pos`, or 0 past the end.
    @inline(__always)
    func peek(_ offset: Int = 0) -> UInt8 {
        let index = pos + offset
        return index < bytes.count ? bytes[index] : 0
    }

    /// The byte at `index`, or 0 outside the listing.
    @inline(__always)
    func byte(at index: Int) -> UInt8 {
        index >= 0 && index < bytes.count ? bytes[index] : 0
    }

    // MARK: - Moving

    /// Steps over one whole character, so no token can end inside a multi-byte UTF-8 sequence.
    mutating func skipScalar() {
        pos += 1
        while pos < bytes.count, bytes[pos] & 0xC0 == 0x80 { pos += 1 }
    }

    /// Steps over identifier bytes (ASCII letters, digits, `_`, and any non-ASCII character).
    mutating func skipIdentifier() {
        while pos < bytes.count, HighlightByte.isIdentifier(bytes[pos]) { pos += 1 }
    }

    /// Steps over spaces, tabs, carriage returns and form feeds (indentation is most of a listing's blanks).
    mutating func skipBlanks() {
        while pos < bytes.count, HighlightByte.isBlank(bytes[pos]) { pos += 1 }
    }

    /// Steps to the next `\n` (not over it) or the end.
    mutating func skipToLineEnd() {
        while pos < bytes.count, bytes[pos] != 0x0A { pos += 1 }
    }

    /// The index of the first byte from `pos` on that is not a space or tab; does not move.
    func indexPastBlanks() -> Int {
        var index = pos
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index
    }

    /// The first byte from `pos` on that is not a space or tab (0 at the end); does not move.
    func peekPastBlanks() -> UInt8 {
        byte(at: indexPastBlanks())
    }

    /// Whether `bytes[start..<pos]` spells `word`.
    func matches(_ word: StaticString, from start: Int) -> Bool {
        guard pos - start == word.utf8CodeUnitCount else { return false }
        for index in 0..<word.utf8CodeUnitCount where bytes[start + index] != word.utf8Start[index] {
            return false
        }
        return true
    }

    // MARK: - Writing

    /// Marks `bytes[start..<pos]` as one token.
    mutating func mark(_ kind: HighlightClass, from start: Int) {
        html.token(kind, from: start, to: pos)
    }

    /// Opens a token at `offset` (default: here).
    mutating func open(_ kind: HighlightClass, at offset: Int? = nil) {
        html.open(kind, at: offset ?? pos)
    }

    /// Closes the innermost open token here.
    mutating func close() {
        html.close(at: pos)
    }
}

/// Byte classes the lexers share (ASCII rules; any byte >= 0x80 counts as part of an identifier,
/// which keeps multi-byte characters whole).
enum HighlightByte {
    /// `0`-`9` (one wrapping subtraction and compare).
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// `0`-`9`, `a`-`f`, `A`-`F`.
    @inline(__always)
    static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20) &- 0x61 < 6 }

    /// ASCII letters (folding case with `| 0x20`).
    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// Letters, `_` and non-ASCII: what may start a name.
    @inline(__always)
    static func isIdentifierStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == 0x5F || byte >= 0x80 }

    /// What may continue a name.
    @inline(__always)
    static func isIdentifier(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }

    /// Space, tab, carriage return or form feed (not newline, which lexers track).
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0C }
}
