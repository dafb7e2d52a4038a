/// Swift: keywords (contextual ones only where used as keywords), capitalized names as types,
/// `func` names and calls, attributes, `#if` and macros, numbers, operators, nested comments, and
/// strings (see `SwiftLexer+Strings.swift`).
struct SwiftLexer: ~Copyable {
    /// Cursor and output.
    var scanner: HighlightScanner
    let words: KeywordTable
    /// Class for the next name, set by `func` (function) and `struct`, `class`, ... (type).
    var pendingName: HighlightClass?

    /// A lexer over `bytes` using the table from `SwiftLexer.words()`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, words: KeywordTable) {
        scanner = HighlightScanner(bytes)
        self.words = words
    }

    /// Lexes the whole listing into `scanner.html`.
    mutating func run() {
        while !scanner.atEnd {
            let start = scanner.pos
            let byte = scanner.peek()
            let next = scanner.peek(1)
            switch byte {
            case 0x0A:
                scanner.pos += 1
                continue  // blanks keep a pending `func` name
            case _ where HighlightByte.isBlank(byte):
                scanner.skipBlanks()
                continue
            case UInt8(ascii: "/") where next == UInt8(ascii: "/"):
                scanner.skipToLineEnd()
                scanner.mark(.comment, from: start)
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                blockComment()
            case UInt8(ascii: "\""):
                string(from: start, hashes: 0)
            case UInt8(ascii: "#"):
                hash()
            case UInt8(ascii: "@") where HighlightByte.isIdentifierStart(next):
                scanner.pos += 1
                scanner.skipIdentifier()
                scanner.mark(.decorator, from: start)
            case UInt8(ascii: "`"):
                // `default` in backticks is a plain name, even where a name is pending.
                scanner.pos += 1
                while !scanner.atEnd, scanner.peek() != UInt8(ascii: "`"), scanner.peek() != 0x0A { scanner.pos += 1 }
                if scanner.peek() == UInt8(ascii: "`") { scanner.pos += 1 }
                if let name = pendingName { scanner.mark(name, from: start) }
            case UInt8(ascii: "$"):
                scanner.pos += 1  // `$0`, `$binding`: plain names
                scanner.skipIdentifier()
            case _ where HighlightByte.isDigit(byte):
                number()
            case _ where HighlightByte.isIdentifierStart(byte):
                identifier()
                continue
            case UInt8(ascii: ".")
            where next == UInt8(ascii: ".") && (scanner.peek(2) == UInt8(ascii: ".") || scanner.peek(2) == UInt8(ascii: "<")):
                scanner.pos += 3
                scanner.mark(.operator, from: start)
            case _ where Self.isOperator(byte):
                operatorRun()
            default:
                scanner.skipScalar()
            }
            pendingName = nil
        }
    }

    // MARK: - Comments, directives, operators

    /// `/* ... */`, which nest in Swift; unterminated, it runs to the end.
    private mutating func blockComment() {
        let start = scanner.pos
        scanner.pos += 2
        var depth = 1
        while !scanner.atEnd {
            if scanner.peek() == UInt8(ascii: "/"), scanner.peek(1) == UInt8(ascii: "*") {
                depth += 1
                scanner.pos += 2
            } else if scanner.peek() == UInt8(ascii: "*"), scanner.peek(1) == UInt8(ascii: "/") {
                depth -= 1
                scanner.pos += 2
                if depth == 0 { break }
            } else {
                scanner.pos += 1
            }
        }
        scanner.mark(.comment, from: start)
    }

    /// `#"raw"#`, `#if` and friends (keywords), or a macro / `#available` (attribute-like).
    private mutating func hash() {
        let start = scanner.pos
        while scanner.peek() == UInt8(ascii: "#") { scanner.pos += 1 }
        let hashes = scanner.pos - start
        if scanner.peek() == UInt8(ascii: "\"") { return string(from: start, hashes: hashes) }
        guard hashes == 1, HighlightByte.isIdentifierStart(scanner.peek()) else { return }
        let nameStart = scanner.pos
        scanner.skipIdentifier()
        let isDirective =
            scanner.matches("if", from: nameStart) || scanner.matches("elseif", from: nameStart)
            || scanner.matches("else", from: nameStart) || scanner.matches("endif", from: nameStart)
            || scanner.matches("sourceLocation", from: nameStart) || scanner.matches("warning", from: nameStart)
            || scanner.matches("error", from: nameStart)
        scanner.mark(isDirective ? .keyword : .decorator, from: start)
    }

    /// A run of operator characters, stopping before a comment (`a+/*x*/b`).
    private mutating func operatorRun() {
        let start = scanner.pos
        while Self.isOperator(scanner.peek()) {
            if scanner.peek() == UInt8(ascii: "/"), scanner.peek(1) == UInt8(ascii: "/") || scanner.peek(1) == UInt8(ascii: "*"),
                scanner.pos > start
            {
                break
            }
            scanner.pos += 1
        }
        scanner.mark(.operator, from: start)
    }

    @inline(__always)
    private static func isOperator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"),
            UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "!"), UInt8(ascii: "&"),
            UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "~"), UInt8(ascii: "?"):
            true
        default:
            false
        }
    }

    // MARK: - Numbers

    /// `1_000`, `0x1F`, `0b1010`, `0o17`, `1.5e-3`, `0x1p-2`; `1.description` stays a member access.
    private mutating func number() {
        let start = scanner.pos
        let radix = scanner.peek(1)
        if scanner.peek() == UInt8(ascii: "0"), radix == UInt8(ascii: "x") || radix == UInt8(ascii: "o") || radix == UInt8(ascii: "b") {
            let hex = radix == UInt8(ascii: "x")
            scanner.pos += 2
            skipDigits(hex: true)
            if hex, scanner.peek() == UInt8(ascii: "."), HighlightByte.isHexDigit(scanner.peek(1)) {
                scanner.pos += 1
                skipDigits(hex: true)
            }
            if hex, scanner.peek() | 0x20 == UInt8(ascii: "p") { skipExponent() }
        } else {
            skipDigits(hex: false)
            if scanner.peek() == UInt8(ascii: "."), HighlightByte.isDigit(scanner.peek(1)) {
                scanner.pos += 1
                skipDigits(hex: false)
            }
            if scanner.peek() | 0x20 == UInt8(ascii: "e") { skipExponent() }
        }
        scanner.mark(.number, from: start)
    }

    private mutating func skipDigits(hex: Bool) {
        while (hex ? HighlightByte.isHexDigit(scanner.peek()) : HighlightByte.isDigit(scanner.peek()))
            || scanner.peek() == UInt8(ascii: "_")
        {
            scanner.pos += 1
        }
    }

    /// `e-3` / `p+2`, only when digits follow (else `1.e` is not a number's tail).
    private mutating func skipExponent() {
        let sign = scanner.peek(1) == UInt8(ascii: "+") || scanner.peek(1) == UInt8(ascii: "-")
        guard HighlightByte.isDigit(scanner.peek(sign ? 2 : 1)) else { return }
        scanner.pos += sign ? 2 : 1
        skipDigits(hex: false)
    }
}
