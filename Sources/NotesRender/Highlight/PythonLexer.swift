/// Python: keywords (soft `match`/`case` at statement start), builtins, decorators, `def`/`class`
/// names, calls, numbers, operators, comments, and strings (see `PythonLexer+Strings.swift`).
struct PythonLexer: ~Copyable {
    /// Cursor and output.
    var scanner: HighlightScanner
    private let words: KeywordTable
    /// Open brackets; a newline inside them does not end the statement.
    private var bracketDepth = 0
    /// Only indentation (or nothing) precedes the next token on its logical line.
    private var atStatementStart = true
    /// Class for the next name, set by `def` (function) and `class` (type).
    private var pendingName: HighlightClass?

    /// A lexer over `bytes` using the table from `PythonLexer.words()`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, words: KeywordTable) {
        scanner = HighlightScanner(bytes)
        self.words = words
    }

    /// Lexes the whole listing into `scanner.html`.
    mutating func run() {
        while !scanner.atEnd {
            let start = scanner.pos
            let byte = scanner.peek()
            let statementStart = atStatementStart
            atStatementStart = false
            switch byte {
            case 0x0A:
                scanner.pos += 1
                atStatementStart = bracketDepth == 0
                continue
            case _ where HighlightByte.isBlank(byte):
                scanner.skipBlanks()
                atStatementStart = statementStart
                continue
            case UInt8(ascii: ";"):
                scanner.pos += 1
                atStatementStart = bracketDepth == 0
            case UInt8(ascii: "\\"):
                // A line continuation: the next line carries on this statement.
                scanner.pos += 1
                if scanner.peek() == 0x0A { scanner.pos += 1 }
            case UInt8(ascii: "#"):
                scanner.skipToLineEnd()
                scanner.mark(.comment, from: start)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                string(from: start, raw: false, format: false)
            case _ where HighlightByte.isDigit(byte):
                number()
            case UInt8(ascii: ".") where HighlightByte.isDigit(scanner.peek(1)):
                number()
            case UInt8(ascii: "@") where statementStart:
                decorator()
            case _ where HighlightByte.isIdentifierStart(byte):
                identifier(statementStart: statementStart)
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                bracketDepth += 1
                scanner.pos += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                bracketDepth = max(0, bracketDepth - 1)
                scanner.pos += 1
            case _ where Self.isOperator(byte):
                while Self.isOperator(scanner.peek()) { scanner.pos += 1 }
                scanner.mark(.operator, from: start)
            default:
                scanner.skipScalar()
            }
            // `def` / `class` name only the very next token.
            if !HighlightByte.isIdentifierStart(byte) { pendingName = nil }
        }
    }

    // MARK: - Names

    private mutating func identifier(statementStart: Bool) {
        let start = scanner.pos
        scanner.skipIdentifier()
        let next = scanner.peek()
        if next == UInt8(ascii: "\"") || next == UInt8(ascii: "'"), let prefix = stringPrefix(from: start) {
            pendingName = nil
            string(from: start, raw: prefix.raw, format: prefix.format)
            return
        }
        // An attribute (`b.type`) is a plain name whatever it spells.
        let isAttribute = scanner.byte(at: start - 1) == UInt8(ascii: ".")
        let kind = isAttribute ? nil : words.kind(of: scanner.bytes, from: start, to: scanner.pos)
        let name = pendingName
        pendingName = nil
        switch kind {
        case .keyword?, .expectsIn?:
            scanner.mark(.keyword, from: start)
        case .declaresFunction?:
            scanner.mark(.keyword, from: start)
            pendingName = .function
        case .declaresType?:
            scanner.mark(.keyword, from: start)
            pendingName = .type
        case .literal?:
            scanner.mark(.literal, from: start)
        case .contextual? where statementStart && startsSoftKeywordStatement():
            scanner.mark(.keyword, from: start)
        case .builtin? where name == nil && !isKeywordArgument():
            scanner.mark(.builtin, from: start)
        default:
            if let name {
                scanner.mark(name, from: start)
            } else if next == UInt8(ascii: "(") {
                scanner.mark(.function, from: start)
            }
        }
    }

    /// `match x:` / `case [a, b]:` rather than `match = 3` or `match(x)`: a blank, then an operand.
    private func startsSoftKeywordStatement() -> Bool {
        let next = scanner.peek()
        guard next == 0x20 || next == 0x09 else { return false }
        let operand = scanner.peekPastBlanks()
        return HighlightByte.isIdentifier(operand) || operand == UInt8(ascii: "\"") || operand == UInt8(ascii: "'")
            || operand == UInt8(ascii: "(") || operand == UInt8(ascii: "[") || operand == UInt8(ascii: "{")
            || operand == UInt8(ascii: "-")
    }

    /// `type="x"` in a call names an argument, not the builtin.
    private func isKeywordArgument() -> Bool {
        scanner.peek() == UInt8(ascii: "=") && scanner.peek(1) != UInt8(ascii: "=")
    }

    /// `@name` or `@a.b.c` at the start of a statement (elsewhere `@` is matrix multiplication).
    private mutating func decorator() {
        let start = scanner.pos
        scanner.pos += 1
        while HighlightByte.isIdentifierStart(scanner.peek()) {
            scanner.skipIdentifier()
            guard scanner.peek() == UInt8(ascii: "."), HighlightByte.isIdentifierStart(scanner.peek(1)) else { break }
            scanner.pos += 1
        }
        scanner.mark(.decorator, from: start)
    }

    // MARK: - Numbers and operators

    /// `1_000`, `0x1F`, `0o7`, `0b1`, `1.5`, `.5`, `1e-3`, `1.5j`.
    private mutating func number() {
        let start = scanner.pos
        let radix = scanner.peek(1) | 0x20
        if scanner.peek() == UInt8(ascii: "0"), radix == UInt8(ascii: "x") || radix == UInt8(ascii: "o") || radix == UInt8(ascii: "b") {
            scanner.pos += 2
            while HighlightByte.isHexDigit(scanner.peek()) || scanner.peek() == UInt8(ascii: "_") { scanner.pos += 1 }
        } else {
            skipDigits()
            if scanner.peek() == UInt8(ascii: ".") {
                scanner.pos += 1
                skipDigits()
            }
            if scanner.peek() | 0x20 == UInt8(ascii: "e") {
                let sign = scanner.peek(1) == UInt8(ascii: "+") || scanner.peek(1) == UInt8(ascii: "-")
                if HighlightByte.isDigit(scanner.peek(sign ? 2 : 1)) {
                    scanner.pos += sign ? 2 : 1
                    skipDigits()
                }
            }
            if scanner.peek() | 0x20 == UInt8(ascii: "j") { scanner.pos += 1 }
        }
        scanner.mark(.number, from: start)
    }

    private mutating func skipDigits() {
        while HighlightByte.isDigit(scanner.peek()) || scanner.peek() == UInt8(ascii: "_") { scanner.pos += 1 }
    }

    @inline(__always)
    private static func isOperator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"),
            UInt8(ascii: "@"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "~"),
            UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "!"):
            true
        default:
            false
        }
    }
}
