import NotesDiagnostics

/// The fields between a note's `---` lines.
///
/// ```yaml
/// number: 3
/// title: "Do it all at once: parallel tool calls and how to build them"
/// dek: When an agent needs a few independent lookups, ...
/// date: 2026-04-26
/// tags: [agents, tool-use, fundamentals]
/// author: Ben
/// aliases: [02-do-it-all-at-once]
/// ```
package struct FrontMatter: Hashable, Sendable {
    /// The note's number in the series, shown as "No. 03".
    package var number: Int
    package var title: String
    /// The standfirst under the title.
    package var dek: String
    package var date: NoteDate
    package var tags: [String]
    /// Signs the note off ("- Ben"); the site's author when absent.
    package var author: String?
    /// Drafts are left out of the site unless the build asks for them.
    package var isDraft: Bool
    /// Minutes, when the author wants to set it rather than have it counted.
    package var readingTime: Int?
    /// Free-form fields for templates, kept as text.
    package var extra: [String: String]
    /// Old addresses of the note (folder names it had), each left as a redirect to it.
    package var aliases: [NoteAlias]
    /// Where `number:` is written; nil when the number comes from the folder's name.
    package var numberLocation: SourceLocation?
    /// Where the title's value starts, for messages about it; nil for front matter made in code.
    package var titleLocation: SourceLocation?

    /// The keys a note may set; anything else is an error, so that typos do not pass silently.
    package static let knownKeys = ["number", "title", "dek", "date", "tags", "author", "draft", "reading_time", "aliases", "extra"]

    package init(
        number: Int, title: String, dek: String, date: NoteDate, tags: [String],
        author: String? = nil, isDraft: Bool = false, readingTime: Int? = nil, extra: [String: String] = [:],
        aliases: [NoteAlias] = []
    ) {
        self.number = number
        self.title = title
        self.dek = dek
        self.date = date
        self.tags = tags
        self.author = author
        self.isDraft = isDraft
        self.readingTime = readingTime
        self.extra = extra
        self.aliases = aliases
        self.numberLocation = nil
        self.titleLocation = nil
    }
}
