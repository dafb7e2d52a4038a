/// The text of a YAML block as lines of Unicode scalars (libyaml counts columns in scalars), with its
/// quoted values found by a light scan: enough to tell where a mistake libyaml reports further on
/// really is. Lines and columns are 1-based, like libyaml's marks.
struct YAMLText {
    /// A quoted value: its quote and where it opens and closes.
    struct QuotedValue {
        var quote: Unicode.Scalar
        var startLine: Int
        var startColumn: Int
        var endLine: Int
        var endColumn: Int
    }

    let lines: [[Unicode.Scalar]]
    /// Every quoted value that is closed, in order.
    private(set) var quoted: [QuotedValue] = []

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        scan()
    }

    // MARK: - Questions

    /// The scalar at `column` of `line`.
    func character(at line: Int, _ column: Int) -> Unicode.Scalar? {
        guard lines.indices.contains(line - 1), lines[line - 1].indices.contains(column - 1) else { return nil }
        return lines[line - 1][column - 1]
    }

    /// The nearest scalar before `column` of `line` that is not a space or a tab.
    func character(before line: Int, _ column: Int) -> Unicode.Scalar? {
        guard lines.indices.contains(line - 1) else { return nil }
        return lines[line - 1].prefix(max(0, column - 1)).last { $0 != " " && $0 != "\t" }
    }

    /// How many spaces `line` starts with.
    func indentation(of line: Int) -> Int {
        guard lines.indices.contains(line - 1) else { return 0 }
        return lines[line - 1].prefix { $0 == " " }.count
    }

    /// The quoted value that closes on `line` just before `column`, with nothing but spaces between.
    func quotedValue(endingBefore line: Int, _ column: Int) -> QuotedValue? {
        guard let value = quoted.last(where: { $0.endLine == line && $0.endColumn < column }) else { return nil }
        let between = lines[line - 1][value.endColumn..<min(column - 1, lines[line - 1].count)]
        return between.allSatisfy { $0 == " " || $0 == "\t" } ? value : nil
    }

    /// Whether a quoted value opens on `line`.
    func valueIsQuoted(on line: Int) -> Bool {
        quoted.contains { $0.startLine == line }
    }

    /// For an indented `line`, the line above it that holds `key: value` with the value on it and is
    /// indented less: YAML then reads `line` as more of that value, not as a field of its own.
    func valueLineAbove(indentedLine line: Int) -> Int? {
        let indent = indentation(of: line)
        guard indent > 0 else { return nil }
        var above = line - 1
        while above >= 1 {
            let text = lines[above - 1].drop { $0 == " " }
            if !text.isEmpty, text.first != "#" { break }
            above -= 1
        }
        guard above >= 1, indentation(of: above) < indent else { return nil }
        let text = lines[above - 1]
        guard let colon = text.indices.first(where: { text[$0] == ":" && (text.index(after: $0) < text.endIndex && text[$0 + 1] == " ") })
        else { return nil }
        let value = text[(colon + 1)...].drop { $0 == " " }
        return value.isEmpty || value.first == "#" || value.first == "|" || value.first == ">" ? nil : above
    }

    // MARK: - Scanning

    /// Finds the quoted values: a quote opens one only where a value starts (after `key: `, `- `,
    /// `[`, `{`, or `,` inside brackets), since a plain value may hold quotes (`title: it's`).
    private mutating func scan() {
        var open: (quote: Unicode.Scalar, line: Int, column: Int)?
        var depth = 0
        for (index, scalars) in lines.enumerated() {
            let line = index + 1
            var valueStarts = true
            var i = 0
            while i < scalars.count {
                let c = scalars[i]
                let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
                if let quote = open {
                    if quote.quote == "\"", c == "\\" {
                        i += 2
                        continue
                    }
                    if c == quote.quote {
                        if c == "'", next == "'" {
                            i += 2
                            continue
                        }
                        quoted.append(
                            QuotedValue(quote: c, startLine: quote.line, startColumn: quote.column, endLine: line, endColumn: i + 1))
                        open = nil
                        valueStarts = false
                    }
                    i += 1
                    continue
                }
                if c == " " || c == "\t" {
                    // Spaces change nothing.
                } else if c == "#", i == 0 || scalars[i - 1] == " " || scalars[i - 1] == "\t" {
                    break  // a comment, to the end of the line
                } else if c == "\"" || c == "'", valueStarts {
                    open = (c, line, i + 1)
                } else if c == ":", next == nil || next == " " || next == "\t" {
                    valueStarts = true
                } else if c == "-", valueStarts, next == nil || next == " " {
                    valueStarts = true
                } else if c == "[" || c == "{" {
                    depth += 1
                    valueStarts = true
                } else if c == "]" || c == "}" {
                    depth = max(0, depth - 1)
                    valueStarts = false
                } else if c == ",", depth > 0 {
                    valueStarts = true
                } else {
                    valueStarts = false
                }
                i += 1
            }
        }
    }
}
