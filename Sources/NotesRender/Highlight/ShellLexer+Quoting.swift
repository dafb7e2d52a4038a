extension ShellLexer {
    // MARK: - Quotes

    /// `'...'`: no escapes at all; may span lines.
    mutating func singleQuoted(from start: Int) {
        scanner.pos += 1
        while !scanner.atEnd, scanner.peek() != UInt8(ascii: "'") { scanner.pos += 1 }
        if !scanner.atEnd { scanner.pos += 1 }
        scanner.mark(.string, from: start)
    }

    /// `"..."` (or `$"..."` from `start`), with `pos` on the quote. Inside, `\` escapes only
    /// `` $ ` " \ `` and newline; `$VAR` stays a variable and `$(...)` or `` `...` `` is an interpolation.
    mutating func doubleQuoted(from start: Int) {
        scanner.open(.string, at: start)
        scanner.pos += 1
        while !scanner.atEnd {
            let byte = scanner.peek()
            switch byte {
            case UInt8(ascii: "\""):
                scanner.pos += 1
                return scanner.close()
            case UInt8(ascii: "\\"):
                switch scanner.peek(1) {
                case UInt8(ascii: "$"), UInt8(ascii: "`"), UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A:
                    scanner.pos += 2
                    scanner.mark(.escape, from: scanner.pos - 2)
                default:
                    scanner.pos += 1
                }
            case UInt8(ascii: "$") where scanner.peek(1) == UInt8(ascii: "("):
                substitutionInString()
            case UInt8(ascii: "$"):
                if !variable() { scanner.pos += 1 }
            case UInt8(ascii: "`"):
                let interpolation = scanner.pos
                scanner.pos += 1
                while !scanner.atEnd, scanner.peek() != UInt8(ascii: "`") {
                    scanner.pos += scanner.peek() == UInt8(ascii: "\\") ? 2 : 1
                }
                scanner.pos = min(scanner.pos + 1, scanner.bytes.count)
                scanner.mark(.escape, from: interpolation)
            default:
                scanner.pos += 1
            }
        }
        scanner.close()
    }

    /// `$'...'`: ANSI-C quoting, where every backslash starts an escape.
    private mutating func ansiCQuoted() {
        scanner.open(.string)
        scanner.pos += 2
        while !scanner.atEnd {
            let byte = scanner.peek()
            if byte == UInt8(ascii: "'") {
                scanner.pos += 1
                break
            }
            if byte == UInt8(ascii: "\\") {
                let escape = scanner.pos
                scanner.pos += 1
                if !scanner.atEnd { scanner.skipScalar() }
                scanner.mark(.escape, from: escape)
            } else {
                scanner.pos += 1
            }
        }
        scanner.close()
    }

    // MARK: - Expansions

    /// `$` outside quotes: `$(` and `$((` open a substitution whose inside is lexed as shell,
    /// `$'` and `$"` start strings, and the rest are variables.
    mutating func dollar() {
        let start = scanner.pos
        switch scanner.peek(1) {
        case UInt8(ascii: "("):
            let arithmetic = scanner.peek(2) == UInt8(ascii: "(")
            scanner.pos += arithmetic ? 3 : 2
            scanner.mark(.variable, from: start)
            // After the `)`, carry on as before it: `v=$(date) cmd` still has its command to come.
            parens.append(arithmetic ? .arithmetic(resumes: commandPosition) : .substitution(resumes: commandPosition))
            commandPosition = !arithmetic
        case UInt8(ascii: "'"):
            ansiCQuoted()
        case UInt8(ascii: "\""):
            scanner.pos += 1
            doubleQuoted(from: start)
        default:
            if !variable() { scanner.pos += 1 }
        }
    }

    /// `${...}`, `$NAME`, `$1`, `$?`, `$@`, ... as one variable token; false, consuming nothing,
    /// for a `$` that starts none of them.
    private mutating func variable() -> Bool {
        let start = scanner.pos
        let next = scanner.peek(1)
        if next == UInt8(ascii: "{") {
            scanner.pos += 2
            var depth = 1
            // Unterminated, it ends with its line rather than swallowing the listing.
            while !scanner.atEnd, scanner.peek() != 0x0A {
                let byte = scanner.peek()
                scanner.pos += 1
                if byte == UInt8(ascii: "{") { depth += 1 }
                if byte == UInt8(ascii: "}") {
                    depth -= 1
                    if depth == 0 { break }
                }
            }
        } else if HighlightByte.isIdentifierStart(next), next < 0x80 {
            scanner.pos += 2
            while HighlightByte.isIdentifier(scanner.peek()), scanner.peek() < 0x80 { scanner.pos += 1 }
        } else if HighlightByte.isDigit(next) || Self.isSpecialParameter(next) {
            scanner.pos += 2
        } else {
            return false
        }
        scanner.mark(.variable, from: start)
        return true
    }

    private static func isSpecialParameter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "@"), UInt8(ascii: "*"), UInt8(ascii: "#"), UInt8(ascii: "?"), UInt8(ascii: "$"),
            UInt8(ascii: "!"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// `$(...)` or `$((...))` inside double quotes, as one interpolation token through the matching `)`.
    private mutating func substitutionInString() {
        let start = scanner.pos
        scanner.pos += 2
        var depth = 1
        while !scanner.atEnd {
            let byte = scanner.peek()
            scanner.pos += 1
            switch byte {
            case UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return scanner.mark(.escape, from: start) }
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                // A quote inside the substitution starts afresh and may hold a `)`.
                while !scanner.atEnd, scanner.peek() != byte {
                    scanner.pos += byte == UInt8(ascii: "\"") && scanner.peek() == UInt8(ascii: "\\") ? 2 : 1
                }
                scanner.pos += 1
            case UInt8(ascii: "\\"):
                scanner.pos += 1
            default:
                break
            }
        }
        scanner.mark(.escape, from: start)
    }
}
