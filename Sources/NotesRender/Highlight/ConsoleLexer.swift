/// A terminal transcript: a line starting with the prompt `$ ` or `# ` is a shell command (which may
/// continue over several lines, as with `\` or a heredoc); every other line is output.
struct ConsoleLexer: ~Copyable {
    /// Lexes the commands; its scanner is the transcript's cursor and output.
    var shell: ShellLexer

    /// A lexer over `bytes` using the shell table from `ShellLexer.words()`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, words: KeywordTable) {
        shell = ShellLexer(bytes, words: words)
    }

    /// Lexes the whole transcript into `shell.scanner.html`, one line (or command) at a time.
    mutating func run() {
        while !shell.scanner.atEnd {
            let start = shell.scanner.pos
            if let promptLength = promptLength() {
                shell.scanner.pos += promptLength
                shell.scanner.mark(.prompt, from: start)
                command()
            } else {
                shell.scanner.skipToLineEnd()
                shell.scanner.mark(.output, from: start)
            }
            if shell.scanner.peek() == 0x0A { shell.scanner.pos += 1 }
        }
    }

    /// `$ ` or `# ` (or a bare `$` / `#` line) at the start of the current line.
    private func promptLength() -> Int? {
        let first = shell.scanner.peek()
        guard first == UInt8(ascii: "$") || first == UInt8(ascii: "#") else { return nil }
        switch shell.scanner.peek(1) {
        case 0x20: return 2
        case 0x0A: return 1
        case 0 where shell.scanner.pos + 1 >= shell.scanner.bytes.count: return 1
        default: return nil
        }
    }

    /// One command from a fresh shell state, up to the newline that ends it.
    private mutating func command() {
        shell.commandPosition = true
        shell.pendingIn = nil
        shell.inCasePattern = false
        shell.inConditional = false
        shell.namesFunction = false
        shell.parens.removeAll(keepingCapacity: true)
        shell.inBacktick = false
        shell.lex(stoppingAtCommandEnd: true)
    }
}
