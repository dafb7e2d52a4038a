import NotesMarkdown

/// A note ready to be placed in the site: its front matter, rendered body and address.
package struct NotePage: Hashable, Sendable {
    /// The note's folder name (`03-do-it-all-at-once`), which is also its address in the site.
    package var slug: String
    package var frontMatter: FrontMatter
    /// The title and dek as inline HTML (they may use inline Markdown and get smart punctuation).
    package var titleHTML: String
    package var dekHTML: String
    package var body: RenderedBody
    /// Who signs the note off: the note's author, else the site's.
    package var author: String

    package init(slug: String, frontMatter: FrontMatter, titleHTML: String, dekHTML: String, body: RenderedBody, author: String) {
        self.slug = slug
        self.frontMatter = frontMatter
        self.titleHTML = titleHTML
        self.dekHTML = dekHTML
        self.body = body
        self.author = author
    }

    /// Where the page is written, relative to the site root.
    package var path: String { "notes/\(slug)/index.html" }

    /// The folder holding the page and the note's files, relative to the site root.
    package var folder: String { "notes/\(slug)/" }

    /// Minutes to read: set in front matter, else counted from the prose.
    package var readingMinutes: Int { frontMatter.readingTime ?? body.readingMinutes }

    /// "03" for note 3.
    package var displayNumber: String { frontMatter.number < 10 ? "0\(frontMatter.number)" : "\(frontMatter.number)" }

    /// The title as plain text, for `<title>` and the feed.
    package var plainTitle: String { frontMatter.title }
}

/// A tag and the folder of its page.
package struct Tag: Hashable, Sendable, Comparable {
    package var name: String
    package var slug: String

    package init(_ name: String) {
        self.name = name
        self.slug = HeadingIDs.slug(name)
    }

    /// Where the tag's page is written, relative to the site root.
    package var path: String { "tags/\(slug)/index.html" }

    /// The way back to the site root from any tag page.
    package static let root = "../../"

    package static func < (lhs: Tag, rhs: Tag) -> Bool { lhs.slug < rhs.slug }
}
