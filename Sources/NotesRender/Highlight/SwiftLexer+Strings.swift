extension SwiftLexer {
    /// A string from `start` (its leading `#`s when raw), with `pos` on the opening quote. `"..."` ends
    /// with its line when unterminated; `"""` runs over lines. A raw string ends at a quote followed by
    /// as many `#` as it opened with, and only `\#` (same count) escapes.
    mutating func string(from start: Int, hashes: Int) {
        let multiline = scanner.peek(1) == UInt8(ascii: "\"") && scanner.peek(2) == UInt8(ascii: "\"")
        scanner.open(.string, at: start)
        scanner.pos += multiline ? 3 : 1
        while !scanner.atEnd {
            let byte = scanner.peek()
            if byte == UInt8(ascii: "\""), closeQuote(multiline: multiline, hashes: hashes) { break }
            if byte == 0x0A, !multiline { break }
            if byte == UInt8(ascii: "\\"), hashesFollow(at: scanner.pos + 1, count: hashes) {
                escape(hashes: hashes, multiline: multiline)
            } else {
                scanner.pos += 1
            }
        }
        scanner.close()
    }

    /// At a `"`: whether the string's delimiter is here, stepping over it when it is.
    private mutating func closeQuote(multiline: Bool, hashes: Int) -> Bool {
        let quotes = multiline ? 3 : 1
        for offset in 0..<quotes where scanner.peek(offset) != UInt8(ascii: "\"") { return false }
        guard hashesFollow(at: scanner.pos + quotes, count: hashes) else { return false }
        scanner.pos += quotes + hashes
        return true
    }

    private func hashesFollow(at index: Int, count: Int) -> Bool {
        for offset in 0..<count where scanner.byte(at: index + offset) != UInt8(ascii: "#") { return false }
        return true
    }

    /// `\n`, `\u{1F600}`, `\(expr)` (one token through its matching `)`), or `\` ending a line.
    private mutating func escape(hashes: Int, multiline: Bool) {
        let start = scanner.pos
        scanner.pos += 1 + hashes
        switch scanner.peek() {
        case UInt8(ascii: "("):
            scanner.pos += 1
            skipInterpolation(multiline: multiline, nesting: 0)
        case UInt8(ascii: "u") where scanner.peek(1) == UInt8(ascii: "{"):
            scanner.pos += 2
            while HighlightByte.isHexDigit(scanner.peek()) { scanner.pos += 1 }
            if scanner.peek() == UInt8(ascii: "}") { scanner.pos += 1 }
        case 0x0A:
            break  // a continued line in a multi-line string; an error in a single-line one
        default:
            if !scanner.atEnd { scanner.skipScalar() }
        }
        scanner.mark(.escape, from: start)
    }

    /// Steps to the `)` matching an interpolation's `(`. Strings inside it (`"\(d["k"])"`) are stepped
    /// over whole, up to a nesting limit that keeps recursion bounded on hostile input.
    private mutating func skipInterpolation(multiline: Bool, nesting: Int) {
        var depth = 1
        while !scanner.atEnd {
            switch scanner.peek() {
            case UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 {
                    scanner.pos += 1
                    return
                }
            case 0x0A where !multiline:
                return
            case UInt8(ascii: "\"") where nesting < 8:
                skipNestedString(multiline: multiline, nesting: nesting + 1)
                continue
            default:
                break
            }
            scanner.pos += 1
        }
    }

    /// Steps over a string inside an interpolation; it belongs to the interpolation's token.
    private mutating func skipNestedString(multiline: Bool, nesting: Int) {
        let triple = scanner.peek(1) == UInt8(ascii: "\"") && scanner.peek(2) == UInt8(ascii: "\"")
        scanner.pos += triple ? 3 : 1
        while !scanner.atEnd {
            let byte = scanner.peek()
            if byte == UInt8(ascii: "\"") {
                if !triple {
                    scanner.pos += 1
                    return
                }
                if scanner.peek(1) == UInt8(ascii: "\""), scanner.peek(2) == UInt8(ascii: "\"") {
                    scanner.pos += 3
                    return
                }
            }
            if byte == 0x0A, !triple, !multiline { return }
            if byte == UInt8(ascii: "\\"), scanner.peek(1) == UInt8(ascii: "(") {
                scanner.pos += 2
                skipInterpolation(multiline: multiline || triple, nesting: nesting)
                continue
            }
            scanner.pos += byte == UInt8(ascii: "\\") ? 2 : 1
        }
    }
}
