extension ShellLexer {
    /// Reserved words and the builtins of bash (a superset of sh's); zsh adds little a listing uses.
    static func words() -> KeywordTable {
        KeywordTable([
            (.keyword, "if then else elif fi do done while until esac ! [[ time coproc"),
            (.expectsIn, "for select case"),
            (.declaresFunction, "function"),
            (
                .builtin,
                """
                . : [ alias bg bind break builtin caller cd command compgen complete continue declare dirs \
                disown echo enable eval exec exit export false fc fg getopts hash help history jobs kill let \
                local logout mapfile popd printf pushd pwd read readarray readonly return set shift shopt \
                source suspend test times trap true type typeset ulimit umask unalias unset wait
                """
            ),
        ])
    }

    // MARK: - Words

    /// Whether a word may start at `index`: at the start, or after a blank, a newline or an operator.
    func isWordStart(_ index: Int) -> Bool {
        index == 0 || Self.endsWord(scanner.byte(at: index - 1))
    }

    /// Blanks, newlines and operator bytes, which end a word.
    static func endsWord(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"),
            UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            true
        default:
            false
        }
    }

    /// A quote or expansion that starts a word uses up the command position (`"$cmd" arg`).
    mutating func startWordPart() {
        if isWordStart(scanner.pos) { commandPosition = false }
    }

    /// Bytes a bare word is made of: anything that neither ends a word nor starts a quote or expansion.
    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "$"), UInt8(ascii: "`"), UInt8(ascii: "\\"):
            false
        default:
            !endsWord(byte)
        }
    }

    /// A run of plain word bytes, classified when it is a whole word.
    mutating func word() {
        let start = scanner.pos
        while !scanner.atEnd, Self.isWordByte(scanner.peek()) { scanner.pos += 1 }
        guard isWordStart(start) else { return }
        let isCommand = commandPosition
        commandPosition = false
        if isCommand, isAssignment(from: start) {
            commandPosition = true  // `X=1 cmd`: the command is still to come
            return
        }
        // Only a whole bare word is classified; `ab"c"` or `--x=$y` stay plain.
        guard scanner.atEnd || Self.endsWord(scanner.peek()) else { return }
        classify(from: start, isCommand: isCommand)
    }

    private mutating func classify(from start: Int, isCommand: Bool) {
        if namesFunction {
            namesFunction = false
            return scanner.mark(.function, from: start)
        }
        if let isCase = pendingIn, scanner.matches("in", from: start) {
            pendingIn = nil
            inCasePattern = isCase
            return scanner.mark(.keyword, from: start)
        }
        if inConditional {
            if scanner.matches("]]", from: start) { inConditional = false }
            return
        }
        if inCasePattern {
            if scanner.matches("esac", from: start) {
                inCasePattern = false
                scanner.mark(.keyword, from: start)
            }
            return
        }
        if scanner.pos - start == 1, scanner.bytes[start] == UInt8(ascii: "{") || scanner.bytes[start] == UInt8(ascii: "}") {
            commandPosition = isCommand  // `{ cmd; }` groups commands; the braces stay plain
            return
        }
        guard isCommand else {
            if (start..<scanner.pos).allSatisfy({ HighlightByte.isDigit(scanner.bytes[$0]) }) {
                scanner.mark(.number, from: start)
            }
            return
        }
        switch words.kind(of: scanner.bytes, from: start, to: scanner.pos) {
        case .keyword?, .contextual?, .literal?:
            scanner.mark(.keyword, from: start)
            // `if cmd`, `then cmd`, `do cmd`, `! cmd`; but `[[ -f x ]]` holds a test, not a command.
            inConditional = scanner.matches("[[", from: start)
            commandPosition = !inConditional
        case .expectsIn?:
            scanner.mark(.keyword, from: start)
            pendingIn = scanner.matches("case", from: start)
        case .declaresFunction?, .declaresType?:
            scanner.mark(.keyword, from: start)
            namesFunction = true
        case .builtin?:
            scanner.mark(.builtin, from: start)
        case nil:
            scanner.mark(.function, from: start)
        }
    }

    /// `NAME=value`, `NAME+=value` or `NAME[i]=value`.
    private func isAssignment(from start: Int) -> Bool {
        var index = start
        guard HighlightByte.isIdentifierStart(scanner.byte(at: index)), scanner.byte(at: index) < 0x80 else { return false }
        while index < scanner.pos, HighlightByte.isIdentifier(scanner.bytes[index]), scanner.bytes[index] < 0x80 { index += 1 }
        if scanner.byte(at: index) == UInt8(ascii: "[") {
            while index < scanner.pos, scanner.bytes[index] != UInt8(ascii: "]") { index += 1 }
            index += 1
        }
        if scanner.byte(at: index) == UInt8(ascii: "+") { index += 1 }
        return index < scanner.pos && scanner.bytes[index] == UInt8(ascii: "=")
    }
}
