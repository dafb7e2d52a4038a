/// Shell (bash, sh, zsh): keywords and builtins where a command starts, command names, comments
/// where `#` begins a word, quoting, `$VAR`/`${VAR}`/`$(...)`, operators and heredocs. Words are
/// classified in `ShellLexer+Words.swift`, quotes and expansions in `ShellLexer+Quoting.swift`,
/// operators and heredocs in `ShellLexer+Operators.swift`.
struct ShellLexer: ~Copyable {
    /// An unclosed `(`: a subshell or group, or the `$(` / `$((` that opened a substitution, with
    /// whether a command was still to come where it opened.
    enum Paren {
        case group
        case substitution(resumes: Bool)
        case arithmetic(resumes: Bool)
    }

    /// A heredoc whose body starts after the current line: its delimiter is `bytes[start..<end]`.
    struct Heredoc {
        var start: Int
        var end: Int
        /// `<<-` strips leading tabs from body lines before comparing with the delimiter.
        var stripsTabs: Bool
    }

    /// Cursor and output.
    var scanner: HighlightScanner
    let words: KeywordTable
    /// The next word starts a command: at a line start, after `;`, `|`, `&&`, `(`, `then`, `do`, ...
    var commandPosition = true
    /// After `for`/`select` (false) or `case` (true) the next `in` is a keyword.
    var pendingIn: Bool?
    /// Between `case ... in` (or `;;`) and the `)` that ends a pattern; words there are plain.
    var inCasePattern = false
    /// Between `[[` and `]]`, where `&&` joins tests rather than commands.
    var inConditional = false
    /// Set by `function` for the next word.
    var namesFunction = false
    var parens: [Paren] = []
    /// Inside `` `...` ``, whose next backtick closes it.
    var inBacktick = false
    /// Heredocs opened on the current line.
    var heredocs: [Heredoc] = []

    /// A lexer over `bytes` using the table from `ShellLexer.words()`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, words: KeywordTable) {
        scanner = HighlightScanner(bytes)
        self.words = words
    }

    /// Lexes the whole listing into `scanner.html`.
    mutating func run() {
        lex(stoppingAtCommandEnd: false)
    }

    /// Lexes to the end, or, for console transcripts, to the newline that ends a whole command
    /// (not one inside `$(...)`, a quote, a continued line or before a heredoc body).
    mutating func lex(stoppingAtCommandEnd: Bool) {
        while !scanner.atEnd {
            let start = scanner.pos
            let byte = scanner.peek()
            switch byte {
            case 0x0A:
                commandPosition = true
                if !heredocs.isEmpty {
                    scanner.pos += 1
                    heredocBodies()
                    continue
                }
                if stoppingAtCommandEnd, parens.isEmpty, !inBacktick { return }
                scanner.pos += 1
            case _ where HighlightByte.isBlank(byte):
                scanner.skipBlanks()
            case UInt8(ascii: "#") where isWordStart(start):
                scanner.skipToLineEnd()
                scanner.mark(.comment, from: start)
            case UInt8(ascii: "'"):
                startWordPart()
                singleQuoted(from: start)
            case UInt8(ascii: "\""):
                startWordPart()
                doubleQuoted(from: start)
            case UInt8(ascii: "$"):
                startWordPart()
                dollar()
            case UInt8(ascii: "`"):
                startWordPart()
                scanner.pos += 1
                scanner.mark(.variable, from: start)
                inBacktick.toggle()
                commandPosition = inBacktick
            case UInt8(ascii: "\\"):
                startWordPart()
                scanner.pos += 1
                if !scanner.atEnd { scanner.skipScalar() }  // `\` then newline continues the command
                scanner.mark(.escape, from: start)
            case UInt8(ascii: "("):
                scanner.pos += 1
                if !inCasePattern { parens.append(.group) }
                commandPosition = true
            case UInt8(ascii: ")"):
                closeParen()
            case UInt8(ascii: "<"), UInt8(ascii: ">"):
                redirection()
            case UInt8(ascii: "&") where scanner.peek(1) == UInt8(ascii: ">"):
                redirection()
            case UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"):
                separator()
            default:
                word()
            }
            if scanner.pos == start { scanner.skipScalar() }  // never stall, whatever a branch did
        }
    }
}
