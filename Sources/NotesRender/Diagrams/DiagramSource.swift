import NotesDiagnostics

/// The body of a diagram fence split into words, each word knowing where it is in the note, so
/// that every error can point at the exact column.
///
/// Blank lines and lines starting with `#` are skipped. A word is a run of non-blank characters or
/// a double-quoted string (`"fetch doc"`, with `\"` and `\\` inside).
struct DiagramSource {
    /// One word of a line.
    struct Word: Hashable {
        /// The word, without quotes.
        var text: String
        /// Byte offset of the word's first character in its line.
        var offset: Int
        /// Quoted words are never keywords.
        var isQuoted: Bool
    }

    /// One meaningful line.
    struct Line: Hashable {
        /// Where the line starts.
        var start: SourceLocation
        /// The line as written, without its line break.
        var text: String
        /// At least one word.
        var words: [Word]

        /// Where `word` starts.
        func location(of word: Word) -> SourceLocation { location(offset: word.offset) }

        /// The column `offset` bytes into the line.
        func location(offset: Int) -> SourceLocation { start.at(column: start.column + offset) }

        /// Just after the last character: where a missing word would go.
        var endLocation: SourceLocation {
            location(offset: text.utf8.count - text.utf8.reversed().prefix { $0 == 0x20 || $0 == 0x09 }.count)
        }

        /// Whether `words[index]` is an unquoted keyword.
        func keyword(at index: Int) -> String? {
            index < words.count && !words[index].isQuoted ? words[index].text : nil
        }

        /// Everything from `words[index]` to the end of the line, as written; a lone quoted word
        /// is given without its quotes. Empty when there is no such word.
        func rest(from index: Int) -> String {
            guard index < words.count else { return "" }
            if index == words.count - 1, words[index].isQuoted { return words[index].text }
            let bytes = Array(text.utf8)[words[index].offset...]
            return String(decoding: bytes, as: UTF8.self).trimmingTrailingBlanks
        }
    }

    /// The meaningful lines, in order.
    var lines: [Line] = []
    /// Problems found while splitting, such as a quote that is never closed.
    var problems: [Diagnostic] = []

    /// Splits `text`, whose first line is at `bodyStart`.
    init(text: String, bodyStart: SourceLocation) {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineText = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let start = SourceLocation(path: bodyStart.path, line: bodyStart.line + index, column: max(1, bodyStart.column))
            let (words, unterminated) = Self.words(lineText)
            guard let first = words.first, first.isQuoted || !first.text.hasPrefix("#") else { continue }
            let line = Line(start: start, text: lineText, words: words)
            // A line with an open quote is reported once, for the quote, rather than again for
            // whatever the quote swallowed.
            guard let unterminated else {
                lines.append(line)
                continue
            }
            problems.append(
                Diagnostic(
                    at: line.location(offset: unterminated), "this quote is never closed",
                    help: "end the quoted text with `\"` on the same line"))
        }
    }

    /// The words of one line, and the offset of a quote left open.
    private static func words(_ line: String) -> ([Word], Int?) {
        let bytes = Array(line.utf8)
        var words: [Word] = []
        var index = 0
        var unterminated: Int?
        while index < bytes.count {
            if bytes[index] == 0x20 || bytes[index] == 0x09 {
                index += 1
                continue
            }
            let start = index
            var text: [UInt8] = []
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    if byte == UInt8(ascii: "\\"), index < bytes.count,
                        bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "\\")
                    {
                        text.append(bytes[index])
                        index += 1
                    } else if byte == UInt8(ascii: "\"") {
                        closed = true
                        break
                    } else {
                        text.append(byte)
                    }
                }
                if !closed { unterminated = start }
                words.append(Word(text: String(decoding: text, as: UTF8.self), offset: start, isQuoted: true))
            } else {
                while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
                words.append(Word(text: String(decoding: bytes[start..<index], as: UTF8.self), offset: start, isQuoted: false))
            }
        }
        return (words, unterminated)
    }

    /// The opening fence's line: where a problem with the block as a whole is reported.
    static func fenceLocation(_ bodyStart: SourceLocation) -> SourceLocation {
        SourceLocation(path: bodyStart.path, line: max(1, bodyStart.line - 1), column: max(1, bodyStart.column))
    }

    /// The closest of `candidates` to a mistyped `word` (at most two edits away), for "did you mean".
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        guard word.count >= 3 else { return nil }
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

extension String {
    /// The string without trailing spaces and tabs.
    fileprivate var trimmingTrailingBlanks: String {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
