/// A note body rendered to HTML, with what the page around it needs to know.
public struct RenderedBody: Hashable, Sendable {
    /// A section heading, for a table of contents.
    public struct Heading: Hashable, Sendable {
        public var level: Int
        public var id: String
        public var text: String
    }

    public var html: String
    public var headings: [Heading]
    /// Words of prose (paragraphs, headings, lists, quotes; not code), for the reading time.
    public var wordCount: Int
    public var figureCount: Int
    public var listingCount: Int
}

extension RenderedBody {
    /// Minutes to read at about 230 words a minute, at least 1.
    public var readingMinutes: Int { max(1, Int((Double(wordCount) / 230).rounded())) }
}
