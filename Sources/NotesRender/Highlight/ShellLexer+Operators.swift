extension ShellLexer {
    // MARK: - Separators and parentheses

    /// `;`, `&`, `|`, `&&`, `||`, `;;`: after most a command starts; after `;;` a case pattern does.
    mutating func separator() {
        let start = scanner.pos
        while scanner.peek() == UInt8(ascii: ";") || scanner.peek() == UInt8(ascii: "&") || scanner.peek() == UInt8(ascii: "|") {
            scanner.pos += 1
        }
        scanner.mark(.operator, from: start)
        let endsCaseItem =
            scanner.matches(";;", from: start) || scanner.matches(";&", from: start)
            || scanner.matches(";;&", from: start)
        if endsCaseItem {
            inCasePattern = true
            commandPosition = false
        } else if !inCasePattern, !inConditional {
            commandPosition = true  // but `a|b)` in a pattern and `[[ a && b ]]` are not commands
        }
    }

    /// A `)` that ends a case pattern, a `$(` / `$((` substitution, or a subshell.
    mutating func closeParen() {
        let start = scanner.pos
        scanner.pos += 1
        if inCasePattern {
            inCasePattern = false
            commandPosition = true
            return
        }
        switch parens.popLast() {
        case .substitution(let resumes)?:
            scanner.mark(.variable, from: start)
            commandPosition = resumes
        case .arithmetic(let resumes)?:
            if scanner.peek() == UInt8(ascii: ")") { scanner.pos += 1 }
            scanner.mark(.variable, from: start)
            commandPosition = resumes
        case .group?, nil:
            commandPosition = false
        }
    }

    // MARK: - Redirections and heredocs

    /// `>`, `>>`, `<`, `&>`, `>&`, `<<<`, or `<<` / `<<-` and a heredoc delimiter.
    mutating func redirection() {
        let start = scanner.pos
        if scanner.peek() == UInt8(ascii: "<"), scanner.peek(1) == UInt8(ascii: "<"), scanner.peek(2) != UInt8(ascii: "<") {
            return heredocOperator()
        }
        while scanner.peek() == UInt8(ascii: "<") || scanner.peek() == UInt8(ascii: ">") || scanner.peek() == UInt8(ascii: "&") {
            scanner.pos += 1
        }
        if scanner.peek() == UInt8(ascii: "|") || scanner.peek() == UInt8(ascii: "-") { scanner.pos += 1 }  // `>|`, `>&-`
        scanner.mark(.operator, from: start)
    }

    /// `<<EOF`, `<<-EOF`, `<< 'EOF'`, `<<"EOF"`, `<<\EOF`: the body starts after this line.
    private mutating func heredocOperator() {
        let start = scanner.pos
        scanner.pos += 2
        let stripsTabs = scanner.peek() == UInt8(ascii: "-")
        if stripsTabs { scanner.pos += 1 }
        scanner.mark(.operator, from: start)
        while scanner.peek() == 0x20 || scanner.peek() == 0x09 { scanner.pos += 1 }

        let wordStart = scanner.pos
        let quote = scanner.peek()
        let delimiter: Range<Int>
        if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") {
            scanner.pos += 1
            let inner = scanner.pos
            while !scanner.atEnd, scanner.peek() != quote, scanner.peek() != 0x0A { scanner.pos += 1 }
            delimiter = inner..<scanner.pos
            if scanner.peek() == quote { scanner.pos += 1 }
        } else {
            if scanner.peek() == UInt8(ascii: "\\") { scanner.pos += 1 }
            let inner = scanner.pos
            while !scanner.atEnd, Self.isWordByte(scanner.peek()) { scanner.pos += 1 }
            delimiter = inner..<scanner.pos
        }
        guard !delimiter.isEmpty else { return }
        scanner.mark(.string, from: wordStart)
        heredocs.append(Heredoc(start: delimiter.lowerBound, end: delimiter.upperBound, stripsTabs: stripsTabs))
    }

    /// The bodies of the heredocs opened on the line just ended, each through its delimiter line.
    /// Bodies are strings without expansions; that keeps an apostrophe in prose from opening a quote.
    mutating func heredocBodies() {
        for (index, heredoc) in heredocs.enumerated() {
            if index > 0 {
                guard scanner.peek() == 0x0A else { break }
                scanner.pos += 1
            }
            let bodyStart = scanner.pos
            while !scanner.atEnd {
                let lineStart = scanner.pos
                scanner.skipToLineEnd()
                if isDelimiterLine(from: lineStart, heredoc) { break }
                if !scanner.atEnd { scanner.pos += 1 }
            }
            scanner.mark(.string, from: bodyStart)
        }
        heredocs.removeAll(keepingCapacity: true)
    }

    private func isDelimiterLine(from lineStart: Int, _ heredoc: Heredoc) -> Bool {
        var start = lineStart
        var end = scanner.pos
        if heredoc.stripsTabs {
            while start < end, scanner.bytes[start] == 0x09 { start += 1 }
        }
        if end > start, scanner.bytes[end - 1] == 0x0D { end -= 1 }  // CRLF listings
        guard end - start == heredoc.end - heredoc.start else { return false }
        for offset in 0..<(end - start) where scanner.bytes[start + offset] != scanner.bytes[heredoc.start + offset] {
            return false
        }
        return true
    }
}
