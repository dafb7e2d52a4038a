import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRecords

/// A new note as `notes new` writes it: `content/NN-slug/note.md` with its front matter filled in
/// and marked as a draft, and, unless left out, a runnable starter listing beside it.
package struct NoteScaffold: Hashable, Sendable {
    package var title: String
    package var number: Int
    package var slug: String
    package var date: NoteDate
    package var author: String?
    package var tags: [String]
    /// The starter listing's file name (`agent.py`), or nil for a note without one.
    package var listing: String?

    /// `04-my-note`.
    package var folderName: String { number < 10 ? "0\(number)-\(slug)" : "\(number)-\(slug)" }

    /// Languages a starter listing can be written in, by file extension.
    package static let listingLanguages = ["py": "python", "sh": "sh"]

    package init(title: String, number: Int, slug: String, date: NoteDate, author: String?, tags: [String], listing: String?) {
        self.title = title
        self.number = number
        self.slug = slug
        self.date = date
        self.author = author
        self.tags = tags
        self.listing = listing
    }

    /// The scaffold for `title` in `layout`'s project, with every choice left out made as
    /// `notes new` makes it: the next free number, a slug from the title, today's date (local time),
    /// the author from `content/site.yml`.
    package static func planned(
        title: String, in layout: ProjectLayout, slug: String? = nil, number: Int? = nil, date: String? = nil,
        tags: [String] = [], listing: String?, today: Date = Date()
    ) throws(Diagnostic) -> NoteScaffold {
        let noteDate: NoteDate
        if let date {
            guard let parsed = NoteDate(iso: date) else {
                throw Diagnostic(
                    at: nil, "invalid date \(date.quotedForDiagnostic())", help: "write the date as YYYY-MM-DD, e.g. 2026-04-26")
            }
            noteDate = parsed
        } else {
            let parts = Calendar.current.dateComponents([.year, .month, .day], from: today)
            guard let year = parts.year, let month = parts.month, let day = parts.day,
                let parsed = NoteDate(year: year, month: month, day: day)
            else {
                throw Diagnostic(at: nil, "cannot tell today's date", help: "pass --date YYYY-MM-DD")
            }
            noteDate = parsed
        }
        return NoteScaffold(
            title: title.trimmingCharacters(in: .whitespaces),
            number: number ?? ((existingNumbers(in: layout.content).keys.max() ?? 0) + 1),
            slug: slug ?? Self.slug(for: title), date: noteDate, author: siteAuthor(layout), tags: tags, listing: listing)
    }

    /// The author named in `content/site.yml`, when it can be read.
    static func siteAuthor(_ layout: ProjectLayout) -> String? {
        guard let data = FileManager.default.contents(atPath: layout.siteConfig.path),
            let config = try? SiteConfig(yaml: String(decoding: data, as: UTF8.self), path: layout.display(layout.siteConfig)),
            !config.author.isEmpty
        else { return nil }
        return config.author
    }

    // MARK: - Choosing names

    /// A folder slug from a title: lower-case ASCII words joined by hyphens, at most 60 characters
    /// (cut at a word), so "Do it all at once: parallel tool calls" gives `do-it-all-at-once-parallel-tool-calls`.
    package static func slug(for title: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en"))
        var words: [String] = []
        var word = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue  // "it's" is one word
            } else if !word.isEmpty {
                words.append(word.lowercased())
                word = ""
            }
        }
        if !word.isEmpty { words.append(word.lowercased()) }
        var slug = ""
        for word in words {
            let next = slug.isEmpty ? word : "\(slug)-\(word)"
            if next.count > 60 { break }
            slug = next
        }
        return slug
    }

    /// Whether `slug` is safe as a folder name and a URL segment.
    package static func isValidSlug(_ slug: String) -> Bool {
        !slug.isEmpty && slug.first != "-" && slug.last != "-"
            && slug.unicodeScalars.allSatisfy {
                ($0.isASCII && CharacterSet.alphanumerics.contains($0) && !CharacterSet.uppercaseLetters.contains($0)) || $0 == "-"
            }
    }

    /// The notes already in `content`: folder name by number, from `NN-slug` folder names.
    package static func existingNumbers(in content: URL) -> [Int: String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: content.path)) ?? []
        var numbers: [Int: String] = [:]
        for name in names.sorted() {
            guard let dash = name.firstIndex(of: "-"), let number = Int(name[..<dash]), number >= 0 else { continue }
            numbers[number] = numbers[number] ?? name
        }
        return numbers
    }

    // MARK: - Files

    /// The files to write, relative to the note's folder, in order.
    package var files: [(path: String, text: String)] {
        var files = [(path: "note.md", text: noteText)]
        if let listing { files.append((path: listing, text: Self.starterListing(language: Self.language(of: listing)))) }
        return files
    }

    /// The language of a listing file from its extension, if `notes new` can start one.
    package static func language(of file: String) -> String? {
        guard let dot = file.lastIndex(of: ".") else { return nil }
        return listingLanguages[String(file[file.index(after: dot)...])]
    }

    private var noteText: String {
        var text = "---\n"
        text += "number: \(number)\n"
        text += "title: \(Self.yamlString(title))\n"
        text += "dek: \(Self.yamlString(Self.dekPlaceholder))\n"
        text += "date: \(date)\n"
        text += "tags: [\(tags.map(Self.yamlString).joined(separator: ", "))]\n"
        if let author { text += "author: \(Self.yamlString(author))\n" }
        text += "draft: true\n"
        text += "---\n\n"
        text += "\(Self.bodyPlaceholder) `notes serve` shows it as you write; remove `draft: true` to publish it.\n"
        if let listing, let language = Self.language(of: listing) {
            text += """

                \(Self.listingIntroPlaceholder) `notes run` runs it and shows what it printed, its steps and its \
                timing under it.

                ```\(language) file=\(listing) run caption="\(Self.captionPlaceholder)"
                ```

                """
        }
        return text
    }

    /// A YAML double-quoted scalar (JSON string escaping is valid YAML).
    static func yamlString(_ value: String) -> String {
        JSONValue.string(value).text()
    }

    static func starterListing(language: String?) -> String {
        switch language {
        case "sh":
            return """
                #!/bin/sh
                # One question to the model over plain HTTP. `notes run` points ANTHROPIC_BASE_URL at its
                # transport and gives the listing a per-run token as ANTHROPIC_API_KEY; the real key stays outside.
                curl -sS "$ANTHROPIC_BASE_URL/v1/messages" \\
                  -H "x-api-key: $ANTHROPIC_API_KEY" \\
                  -H "anthropic-version: 2023-06-01" \\
                  -H "content-type: application/json" \\
                  -d '{"model": "claude-sonnet-4-6", "max_tokens": 512,
                       "messages": [{"role": "user", "content": "In one sentence: what is a tool call?"}]}'
                echo

                """
        default:
            return """
                \"\"\"One question to the model, and its answer: \(starterListingPlaceholder)\"\"\"
                import anthropic

                # `notes run` points the client at its transport and gives it a per-run token, so the
                # listing runs unchanged in replay (offline) and record mode; the real key stays outside.
                client = anthropic.Anthropic()
                MODEL = "claude-sonnet-4-6"

                response = client.messages.create(
                    model=MODEL,
                    max_tokens=512,
                    messages=[{"role": "user", "content": "In one sentence: what is a tool call?"}],
                )
                for block in response.content:
                    if block.type == "text":
                        print(block.text)
                print(f"─── stop_reason: {response.stop_reason}")

                """
        }
    }

    // MARK: - Writing

    /// Writes the note into `layout.content`, all at once: the files go into a hidden folder that is
    /// renamed into place, so a failure leaves nothing half-made. Returns the note's folder.
    ///
    /// Refuses a title or a slug another note has (see ``clash(in:)``), a folder that exists and a
    /// number another note has.
    package func write(into layout: ProjectLayout) throws(Diagnostic) -> URL {
        let fileManager = FileManager.default
        let folder = layout.content.appendingPathComponent(folderName, isDirectory: true)
        guard fileManager.fileExists(atPath: layout.siteConfig.path) else {
            throw Diagnostic(
                at: nil, "no \(layout.display(layout.siteConfig)) here; this is not a notes project",
                help: "run `notes new` in the folder holding content/, or pass -C <dir>")
        }
        if let clash = clash(in: layout) { throw clash }
        if fileManager.fileExists(atPath: folder.path) {
            throw Diagnostic(at: nil, "\(layout.display(folder)) already exists", help: "choose another title, --slug or --number")
        }
        if let taken = Self.existingNumbers(in: layout.content)[number] {
            throw Diagnostic(
                at: nil, "note number \(number) is taken by \(layout.display(layout.content.appendingPathComponent(taken)))",
                help: "leave out --number to take the next free one")
        }
        let staging = layout.content.appendingPathComponent(".new-\(folderName)-\(UUID().uuidString)", isDirectory: true)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files {
                try Data(file.text.utf8).write(to: staging.appendingPathComponent(file.path))
            }
            try fileManager.moveItem(at: staging, to: folder)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw Diagnostic(
                at: nil, "cannot write \(layout.display(folder))", help: "check that content/ is writable",
                reasons: [error.localizedDescription])
        }
        return folder
    }
}
