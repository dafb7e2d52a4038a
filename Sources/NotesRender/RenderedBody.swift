/// A note body rendered to HTML, with what the page around it needs to know.
package struct RenderedBody: Hashable, Sendable {
    /// A section heading, for a table of contents.
    package struct Heading: Hashable, Sendable {
        package var level: Int
        package var id: String
        package var text: String

        package init(level: Int, id: String, text: String) {
            self.level = level
            self.id = id
            self.text = text
        }
    }

    package var html: String
    package var headings: [Heading]
    /// Words of prose (paragraphs, headings, lists, quotes; not code), for the reading time.
    package var wordCount: Int
    package var figureCount: Int
    package var listingCount: Int

    package init(html: String, headings: [Heading], wordCount: Int, figureCount: Int, listingCount: Int) {
        self.html = html
        self.headings = headings
        self.wordCount = wordCount
        self.figureCount = figureCount
        self.listingCount = listingCount
    }
}

extension RenderedBody {
    /// Minutes to read at about 230 words a minute, at least 1.
    package var readingMinutes: Int { max(1, Int((Double(wordCount) / 230).rounded())) }
}
