/// JSON: object keys (a string followed by `:`) apart from string values, escapes, numbers and
/// `true`/`false`/`null`. Invalid input is tolerated: strings end at their line, stray text stays
/// plain, and `//` and `/* */` comments (common in annotated examples) are recognized.
struct JSONLexer: ~Copyable {
    /// Cursor and output.
    var scanner: HighlightScanner

    /// A lexer over `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        scanner = HighlightScanner(bytes)
    }

    /// Lexes the whole listing into `scanner.html`.
    mutating func run() {
        while !scanner.atEnd {
            let start = scanner.pos
            let byte = scanner.peek()
            switch byte {
            case UInt8(ascii: "\""):
                string()
            case UInt8(ascii: "-") where HighlightByte.isDigit(scanner.peek(1)):
                number()
            case _ where HighlightByte.isDigit(byte):
                number()
            case UInt8(ascii: "/") where scanner.peek(1) == UInt8(ascii: "/"):
                scanner.skipToLineEnd()
                scanner.mark(.comment, from: start)
            case UInt8(ascii: "/") where scanner.peek(1) == UInt8(ascii: "*"):
                scanner.pos += 2
                while !scanner.atEnd, !(scanner.peek() == UInt8(ascii: "*") && scanner.peek(1) == UInt8(ascii: "/")) {
                    scanner.pos += 1
                }
                scanner.pos = min(scanner.pos + 2, scanner.bytes.count)
                scanner.mark(.comment, from: start)
            case _ where HighlightByte.isIdentifierStart(byte):
                scanner.skipIdentifier()
                if scanner.matches("true", from: start) || scanner.matches("false", from: start)
                    || scanner.matches("null", from: start)
                {
                    scanner.mark(.literal, from: start)
                }
            default:
                scanner.skipScalar()
            }
        }
    }

    /// A key or a value: the class depends on what follows the closing quote, so find that first.
    private mutating func string() {
        let start = scanner.pos
        let bytes = scanner.bytes
        var end = start + 1
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\\") {
                end += 2
            } else if byte == UInt8(ascii: "\"") {
                end += 1
                break
            } else if byte == 0x0A {
                break
            } else {
                end += 1
            }
        }
        end = min(end, bytes.count)
        var next = end
        while next < bytes.count, HighlightByte.isBlank(bytes[next]) || bytes[next] == 0x0A { next += 1 }
        let isKey = next < bytes.count && bytes[next] == UInt8(ascii: ":")

        scanner.open(isKey ? .property : .string)
        scanner.pos += 1
        while scanner.pos < end {
            guard scanner.peek() == UInt8(ascii: "\\") else {
                scanner.pos += 1
                continue
            }
            let escape = scanner.pos
            scanner.pos += 1
            if scanner.peek() == UInt8(ascii: "u") {
                scanner.pos += 1
                while scanner.pos < min(escape + 6, end), HighlightByte.isHexDigit(scanner.peek()) { scanner.pos += 1 }
            } else if scanner.pos < end {
                scanner.skipScalar()
            }
            scanner.pos = min(scanner.pos, end)
            scanner.mark(.escape, from: escape)
        }
        scanner.close()
    }

    /// `-12`, `3.5`, `1e-3`; leading zeros and other slips are tolerated.
    private mutating func number() {
        let start = scanner.pos
        scanner.pos += 1
        while HighlightByte.isDigit(scanner.peek()) { scanner.pos += 1 }
        if scanner.peek() == UInt8(ascii: "."), HighlightByte.isDigit(scanner.peek(1)) {
            scanner.pos += 1
            while HighlightByte.isDigit(scanner.peek()) { scanner.pos += 1 }
        }
        if scanner.peek() | 0x20 == UInt8(ascii: "e") {
            let sign = scanner.peek(1) == UInt8(ascii: "+") || scanner.peek(1) == UInt8(ascii: "-")
            if HighlightByte.isDigit(scanner.peek(sign ? 2 : 1)) {
                scanner.pos += sign ? 2 : 1
                while HighlightByte.isDigit(scanner.peek()) { scanner.pos += 1 }
            }
        }
        scanner.mark(.number, from: start)
    }
}
