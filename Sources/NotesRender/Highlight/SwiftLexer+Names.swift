extension SwiftLexer {
    /// A name: a keyword, literal, builtin call, declared function or type, type name, call, or plain.
    mutating func identifier() {
        let start = scanner.pos
        scanner.skipIdentifier()
        let name = pendingName
        pendingName = nil
        // `x.type` is a member, whatever it spells; `0...end` is a range, not a member access.
        let isMember = scanner.byte(at: start - 1) == UInt8(ascii: ".") && scanner.byte(at: start - 2) != UInt8(ascii: ".")
        let kind = words.kind(of: scanner.bytes, from: start, to: scanner.pos)
        switch kind {
        case .keyword? where !isMember || scanner.matches("init", from: start) || scanner.matches("self", from: start):
            if isArgumentLabel(from: start) { return }
            scanner.mark(.keyword, from: start)
        case .declaresFunction? where !isMember:
            scanner.mark(.keyword, from: start)
            pendingName = .function
        case .declaresType? where !isMember:
            scanner.mark(.keyword, from: start)
            pendingName = .type
        case .literal? where !isMember:
            scanner.mark(.literal, from: start)
        case .contextual? where !isMember && isContextualKeyword(from: start):
            scanner.mark(.keyword, from: start)
        case .builtin? where !isMember && name == nil && scanner.peek() == UInt8(ascii: "("):
            scanner.mark(.builtin, from: start)
        default:
            if let name {
                scanner.mark(name, from: start)
            } else if scanner.bytes[start] &- UInt8(ascii: "A") < 26 {
                scanner.mark(.type, from: start)
            } else if scanner.peek() == UInt8(ascii: "(") {
                scanner.mark(.function, from: start)
            }
        }
    }

    /// `f(for: x)` and `func f(in context: C)` use keywords as argument labels; `default:` is
    /// still the switch case.
    private func isArgumentLabel(from start: Int) -> Bool {
        if scanner.peek() == UInt8(ascii: ":") {
            return scanner.peek(1) != UInt8(ascii: ":") && !scanner.matches("default", from: start)
        }
        var before = start - 1
        while HighlightByte.isBlank(scanner.byte(at: before)) || scanner.byte(at: before) == 0x0A { before -= 1 }
        guard scanner.byte(at: before) == UInt8(ascii: "(") || scanner.byte(at: before) == UInt8(ascii: ",") else { return false }
        var index = scanner.indexPastBlanks()
        guard index > scanner.pos, HighlightByte.isIdentifierStart(scanner.byte(at: index)) else { return false }
        while HighlightByte.isIdentifier(scanner.byte(at: index)) { index += 1 }
        return scanner.byte(at: index) == UInt8(ascii: ":")
    }

    /// Whether a contextual keyword (`get`, `open`, `some`, `lazy`, ...) is used as one: not when what
    /// follows makes it a name (`let open = 1`, `open(url)`, `copy.x`, `(some: 1)`), except that
    /// `set(newValue)`, `willSet(v)` and `didSet(v)` still are.
    private func isContextualKeyword(from start: Int) -> Bool {
        let index = scanner.indexPastBlanks()
        switch scanner.byte(at: index) {
        case UInt8(ascii: "("):
            return scanner.matches("set", from: start) || scanner.matches("willSet", from: start)
                || scanner.matches("didSet", from: start)
        case UInt8(ascii: "="):
            return scanner.byte(at: index + 1) == UInt8(ascii: "=")
        case UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: ")"), UInt8(ascii: "]"),
            UInt8(ascii: "?"), UInt8(ascii: "!"):
            return false
        default:
            return true
        }
    }

    /// Swift 6 keywords, contextual keywords, literals, and the standard library's free functions.
    static func words() -> KeywordTable {
        KeywordTable([
            (.literal, "true false nil"),
            (.declaresFunction, "func"),
            (.declaresType, "class struct enum protocol extension typealias associatedtype"),
            (
                .keyword,
                """
                as break case catch continue default defer deinit do else fallthrough fileprivate for guard if \
                import in init inout internal is let operator precedencegroup private public repeat rethrows \
                return self Self static subscript super switch throw throws try var where while Any await
                """
            ),
            (
                .contextual,
                """
                actor any async borrowing consume consuming convenience copy didSet discard dynamic each final \
                get indirect infix isolated lazy macro mutating nonisolated nonmutating open optional override \
                package postfix prefix required sending set some unowned weak willSet
                """
            ),
            (
                .builtin,
                """
                print debugPrint dump fatalError precondition preconditionFailure assert assertionFailure min max \
                abs zip stride sequence repeatElement type withExtendedLifetime withUnsafePointer \
                withUnsafeMutablePointer withUnsafeBytes withUnsafeMutableBytes withoutActuallyEscaping \
                isKnownUniquelyReferenced swap numericCast unsafeBitCast readLine
                """
            ),
        ])
    }
}
