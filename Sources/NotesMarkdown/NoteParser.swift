import NotesDiagnostics

/// A note's source, parsed: its front matter and its Markdown body.
package struct ParsedNote: Hashable, Sendable {
    package var frontMatter: FrontMatter
    package var document: MarkdownDocument

    package init(frontMatter: FrontMatter, document: MarkdownDocument) {
        self.frontMatter = frontMatter
        self.document = document
    }
}

/// Reads a `note.md`: YAML front matter between `---` lines, then CommonMark.
package struct NoteParser: Sendable {
    private let markdown = MarkdownParser()

    package init() {}

    /// Parses the text of the note at `path`.
    ///
    /// - Parameter defaultNumber: the number to use when the front matter has none
    ///   (taken from a folder name such as `03-slug`).
    package func parse(_ text: String, path: String, defaultNumber: Int? = nil) throws(MarkdownError) -> ParsedNote {
        let (yaml, body, bodyFirstLine) = try split(text, path: path)
        let frontMatter = try readFrontMatter(yaml, path: path, defaultNumber: defaultNumber)
        let document = markdown.parse(String(body), path: path, firstLine: bodyFirstLine)
        if let place = document.tooDeeplyNestedAt {
            throw MarkdownError(
                .tooDeeplyNested, at: place, "the Markdown nests more than \(MarkdownParser.maximumDepth) levels deep here",
                help: "flatten the nesting (quotes, lists, emphasis); nothing past that depth would be published")
        }
        return ParsedNote(frontMatter: frontMatter, document: document)
    }

    // MARK: - Splitting

    /// Returns the YAML text, the body, and the file line on which the body starts.
    ///
    /// Works on UTF-8 bytes because Swift reads "\r\n" as one character, and notes may use either.
    private func split(_ text: String, path: String) throws(MarkdownError) -> (Substring, Substring, Int) {
        let utf8 = text.utf8
        var index = utf8.startIndex
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { index = utf8.index(index, offsetBy: 3) }  // byte order mark
        let start = SourceLocation(path: path, line: 1, column: 1)
        func lineEnd(from index: String.Index) -> String.Index {
            utf8[index...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
        }
        func nextLine(after end: String.Index) -> String.Index {
            end < utf8.endIndex ? utf8.index(after: end) : end
        }
        let firstEnd = lineEnd(from: index)
        guard isDelimiter(utf8[index..<firstEnd]) else {
            throw MarkdownError(
                .missingFrontMatter, at: start, "missing front matter",
                help: "did you forget to add `---`? Start the file with a line `---`, the fields (`title: ...`), then `---`")
        }
        let yamlStart = nextLine(after: firstEnd)
        var lineNumber = 1
        index = yamlStart
        while index < utf8.endIndex {
            lineNumber += 1
            let end = lineEnd(from: index)
            if isDelimiter(utf8[index..<end]) {
                return (text[yamlStart..<index], text[nextLine(after: end)...], lineNumber + 1)
            }
            index = nextLine(after: end)
        }
        throw MarkdownError(
            .unclosedFrontMatter, at: start, "front matter is not closed",
            help: "add a line `---` after the last field")
    }

    /// A `---` line, allowing trailing spaces and a carriage return.
    private func isDelimiter(_ line: Substring.UTF8View) -> Bool {
        var line = line
        while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") { line = line.dropLast() }
        return line.elementsEqual("---".utf8)
    }

    // MARK: - Fields

    private func readFrontMatter(_ yaml: Substring, path: String, defaultNumber: Int?) throws(MarkdownError) -> FrontMatter {
        let fields = try YAMLMapping(
            yaml: String(yaml), origin: SourceLocation(path: path, line: 2, column: 1),
            start: SourceLocation(path: path, line: 1, column: 1))
        try fields.rejectUnknownKeys(FrontMatter.knownKeys, extraKey: "extra")

        let title = try fields.string("title", required: true, help: "add a line `title: ...` between the `---` lines")!
        guard let number = try fields.int("number") ?? defaultNumber else {
            throw MarkdownError(
                .missingField, at: fields.start, "missing required field `number`",
                help: "add a line `number: 3`, or name the folder after it, e.g. `03-my-note`")
        }
        guard (0...9999).contains(number) else {
            throw MarkdownError(
                .invalidField, at: fields.location(of: "number"), "`number` must be between 0 and 9999, not \(number)",
                help: "notes are numbered from 0 up; the page shows it as `No. 03`")
        }
        let dateText = try fields.string("date", required: true, help: "add a line `date: YYYY-MM-DD`")!
        guard let date = NoteDate(iso: dateText) else {
            throw MarkdownError(
                .invalidField, at: fields.location(of: "date"), "invalid date \(dateText.quotedForDiagnostic())",
                help: "write the date as YYYY-MM-DD, e.g. `date: 2026-04-26`")
        }
        let readingTime = try fields.int("reading_time")
        if let readingTime, readingTime < 1 {
            throw MarkdownError(
                .invalidField, at: fields.location(of: "reading_time"), "`reading_time` must be at least 1 (minutes)",
                help: "leave it out to have it counted from the prose")
        }
        let tags = try fields.strings("tags") ?? []
        if let long = tags.first(where: { $0.count > 80 }) {
            throw MarkdownError(
                .invalidField, at: fields.location(of: "tags"),
                "the tag \(long.quotedForDiagnostic(limit: 20)) is too long to be a page's address",
                help: "use a tag of at most 80 characters")
        }
        // A tag names its page (`tags/<slug>/`): one with no letter or digit would have no name of its
        // own, and every such tag would share one page.
        if let (wordless, location) = try fields.locatedStrings("tags")?.first(where: { text, _ in
            !text.contains { $0.isLetter || $0.isNumber || $0 == "_" }
        }) {
            throw MarkdownError(
                .invalidField, at: location, "the tag \(wordless.quotedForDiagnostic()) has no letter or digit to name its page",
                help: "tags name pages (tags/<tag>/): use a word, e.g. `tags: [agents, tool-use]`")
        }
        var aliases: [NoteAlias] = []
        for (text, location) in try fields.locatedStrings("aliases") ?? [] { aliases.append(try NoteAlias(text, at: location)) }
        var frontMatter = FrontMatter(
            number: number,
            title: title,
            dek: try fields.string("dek") ?? "",
            date: date,
            tags: tags,
            author: try fields.string("author"),
            isDraft: try fields.bool("draft") ?? false,
            readingTime: readingTime,
            extra: try fields.stringMap("extra") ?? [:],
            aliases: aliases
        )
        frontMatter.numberLocation = fields.has("number") ? fields.location(of: "number") : nil
        frontMatter.titleLocation = fields.valueLocation(of: "title")
        return frontMatter
    }
}
