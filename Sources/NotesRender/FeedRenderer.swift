import NotesMarkdown

/// Writes the Atom feed (`atom.xml`) with every note's full content, and `sitemap.xml`.
///
/// Dates come from the notes, never from the clock, so the same content gives the same bytes.
package struct FeedRenderer: Sendable {
    package let site: SiteConfig

    package init(site: SiteConfig) {
        self.site = site
    }

    /// The Atom 1.0 feed; `notes` newest first.
    package func atom(_ notes: [NotePage]) -> String {
        let updated = notes.map(\.frontMatter.date).max()?.rfc3339 ?? "1970-01-01T00:00:00Z"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(xmlEscape(site.language))">
            <title>\(xmlEscape(site.title))</title>

            """
        if !site.description.isEmpty { xml += "<subtitle>\(xmlEscape(site.description))</subtitle>\n" }
        xml += """
            <link href="\(xmlEscape(site.baseURL))atom.xml" rel="self" type="application/atom+xml"/>
            <link href="\(xmlEscape(site.baseURL))" rel="alternate" type="text/html"/>
            <id>\(xmlEscape(site.baseURL))</id>
            <updated>\(updated)</updated>
            <author><name>\(xmlEscape(site.author))</name></author>
            <generator>notes</generator>

            """
        for note in notes {
            let url = site.baseURL + note.folder
            xml += """
                <entry>
                <title type="html">\(xmlEscape(note.titleHTML))</title>
                <link href="\(xmlEscape(url))" rel="alternate" type="text/html"/>
                <id>\(xmlEscape(url))</id>
                <published>\(note.frontMatter.date.rfc3339)</published>
                <updated>\(note.frontMatter.date.rfc3339)</updated>
                <author><name>\(xmlEscape(note.author))</name></author>

                """
            for tag in note.frontMatter.tags { xml += "<category term=\"\(xmlEscape(tag))\"/>\n" }
            if !note.dekHTML.isEmpty { xml += "<summary type=\"html\">\(xmlEscape(note.dekHTML))</summary>\n" }
            // xml:base makes the body's relative links (figures, listing files, #anchors) resolve in readers.
            xml += "<content type=\"html\" xml:base=\"\(xmlEscape(url))\">\(xmlEscape(note.body.html))</content>\n</entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// `sitemap.xml` for the home page, every note and every tag page.
    package func sitemap(_ notes: [NotePage], tags: [Tag]) -> String {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        func url(_ path: String, lastmod: NoteDate?) {
            xml += "<url><loc>\(xmlEscape(site.baseURL + path))</loc>"
            if let lastmod { xml += "<lastmod>\(lastmod)</lastmod>" }
            xml += "</url>\n"
        }
        url("", lastmod: notes.map(\.frontMatter.date).max())
        for note in notes { url(note.folder, lastmod: note.frontMatter.date) }
        for tag in tags {
            url(
                "tags/\(tag.slug)/",
                lastmod: notes.filter { $0.frontMatter.tags.contains { Tag($0).slug == tag.slug } }.map(\.frontMatter.date).max())
        }
        return xml + "</urlset>\n"
    }
}

/// Escapes text for XML and drops the control characters XML 1.0 forbids (a listing may hold them).
func xmlEscape(_ text: String) -> String {
    let escaped = HTMLEscaping.escape(text)
    guard escaped.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return escaped }
    return String(escaped.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" })
}
