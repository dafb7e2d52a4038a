extension PythonLexer {
    /// The flags a string prefix sets: `r`/`R` (raw) and `f`/`t` (format fields); `b` and `u` change nothing here.
    struct StringPrefix {
        var raw = false
        var format = false
    }

    /// The prefix `bytes[start..<pos]` spells (r, u, b, f, t, or rb, br, fr, rf, tr, rt; any case), or nil.
    func stringPrefix(from start: Int) -> StringPrefix? {
        let length = scanner.pos - start
        guard length == 1 || length == 2 else { return nil }
        var prefix = StringPrefix()
        var seen: UInt8 = 0
        for index in start..<scanner.pos {
            let letter = scanner.bytes[index] | 0x20
            switch letter {
            case UInt8(ascii: "r"): prefix.raw = true
            case UInt8(ascii: "f"), UInt8(ascii: "t"): prefix.format = true
            case UInt8(ascii: "b"), UInt8(ascii: "u"): break
            default: return nil
            }
            guard letter != seen else { return nil }
            seen = letter
        }
        // `u` only stands alone; two letters pair `r` with one of `b`, `f`, `t`.
        if length == 2, !prefix.raw || seen == UInt8(ascii: "u") || scanner.bytes[start] | 0x20 == UInt8(ascii: "u") { return nil }
        return prefix
    }

    /// A string from its prefix at `start`, with `pos` on the opening quote. Single-quoted strings stop
    /// at the end of their line when unterminated; triple-quoted ones run to the end of the listing.
    mutating func string(from start: Int, raw: Bool, format: Bool) {
        let quote = scanner.peek()
        let triple = scanner.peek(1) == quote && scanner.peek(2) == quote
        scanner.open(.string, at: start)
        scanner.pos += triple ? 3 : 1
        while !scanner.atEnd {
            skipPlainStringBytes(quote: quote, format: format)
            guard !scanner.atEnd else { break }
            let byte = scanner.peek()
            if byte == quote {
                if !triple {
                    scanner.pos += 1
                    break
                }
                if scanner.peek(1) == quote, scanner.peek(2) == quote {
                    scanner.pos += 3
                    break
                }
                scanner.pos += 1
            } else if byte == 0x0A, !triple {
                break
            } else if byte == UInt8(ascii: "\\") {
                if raw {
                    // A raw string keeps its backslashes but one still protects the next quote.
                    scanner.pos += 1
                    if !scanner.atEnd { scanner.skipScalar() }
                } else {
                    escape()
                }
            } else if format, byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}"), scanner.peek(1) == byte {
                scanner.pos += 2  // `{{` and `}}` stand for one brace
                scanner.mark(.escape, from: scanner.pos - 2)
            } else if format, byte == UInt8(ascii: "{") {
                replacementField(multiline: triple)
            } else {
                scanner.pos += 1
            }
        }
        scanner.close()
    }

    /// Steps over the bytes that cannot end or change the string, in a tight loop (most of a string).
    private mutating func skipPlainStringBytes(quote: UInt8, format: Bool) {
        let bytes = scanner.bytes
        var index = scanner.pos
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote || byte == UInt8(ascii: "\\") || byte == 0x0A { break }
            if format, byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") { break }
            index += 1
        }
        scanner.pos = index
    }

    /// `\n`, `\x41`, `\u00e9`, `\U0001F600`, `\N{DASH}`, `\101`, or a backslash and any one character.
    private mutating func escape() {
        let start = scanner.pos
        scanner.pos += 1
        guard !scanner.atEnd else { return scanner.mark(.escape, from: start) }
        switch scanner.peek() {
        case UInt8(ascii: "x"): skipHex(max: 2)
        case UInt8(ascii: "u"): skipHex(max: 4)
        case UInt8(ascii: "U"): skipHex(max: 8)
        case UInt8(ascii: "N") where scanner.peek(1) == UInt8(ascii: "{"):
            scanner.pos += 2
            while !scanner.atEnd, scanner.peek() != 0x0A, scanner.peek() != UInt8(ascii: "}") { scanner.pos += 1 }
            if scanner.peek() == UInt8(ascii: "}") { scanner.pos += 1 }
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var digits = 0
            while digits < 3, scanner.peek() &- UInt8(ascii: "0") < 8 {
                scanner.pos += 1
                digits += 1
            }
        case 0x0A:
            scanner.pos += 1  // a continued line; the writer closes the span before the newline
        default:
            scanner.skipScalar()
        }
        scanner.mark(.escape, from: start)
    }

    private mutating func skipHex(max count: Int) {
        scanner.pos += 1
        var digits = 0
        while digits < count, HighlightByte.isHexDigit(scanner.peek()) {
            scanner.pos += 1
            digits += 1
        }
    }

    /// `{expr!r:>{width}}` in an f-string, as one escape token up to its matching `}`. Quotes inside
    /// start nested strings (since Python 3.12 even the outer quote), so they never end the f-string.
    private mutating func replacementField(multiline: Bool) {
        let start = scanner.pos
        var depth = 0
        while !scanner.atEnd {
            let byte = scanner.peek()
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 {
                    scanner.pos += 1
                    return scanner.mark(.escape, from: start)
                }
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth = max(1, depth - 1)
            case 0x0A where !multiline:
                return scanner.mark(.escape, from: start)  // unterminated: the string ends with the line
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                skipNestedString(multiline: multiline)
                continue
            default:
                break
            }
            scanner.pos += 1
        }
        scanner.mark(.escape, from: start)
    }

    /// Steps over a string inside a replacement field; it is part of the field's token.
    private mutating func skipNestedString(multiline: Bool) {
        let quote = scanner.peek()
        let triple = scanner.peek(1) == quote && scanner.peek(2) == quote
        scanner.pos += triple ? 3 : 1
        while !scanner.atEnd {
            let byte = scanner.peek()
            if byte == quote, !triple || (scanner.peek(1) == quote && scanner.peek(2) == quote) {
                scanner.pos += triple ? 3 : 1
                return
            }
            if byte == 0x0A, !triple, !multiline { return }
            scanner.pos += byte == UInt8(ascii: "\\") ? 2 : 1
        }
    }
}
