import NotesMarkdown

/// The page left at a note's old address (an alias in its front matter): it sends the reader on to
/// the note, at once and from `file://` too (a relative `meta refresh`, no script), names the note's
/// real address for search engines (`canonical`), asks them not to index it, and shows a plain link
/// for anyone whose browser does not follow the refresh.
package struct RedirectPage: Sendable {
    package let site: SiteConfig

    package init(site: SiteConfig) {
        self.site = site
    }

    /// Where the page for `alias` is written, relative to the site root: beside the notes' pages.
    package static func path(of alias: NoteAlias) -> String { "notes/\(alias.folder)/index.html" }

    /// The page at `alias` sending readers to `note`.
    package func html(for alias: NoteAlias, to note: NotePage) -> String {
        // Both pages sit in notes/<folder>/, so the note is one folder up and across.
        let target = HTMLEscaping.escape("../\(note.slug)/index.html")
        let title = HTMLEscaping.escape(note.plainTitle)
        return """
            <!DOCTYPE html>
            <html lang="\(HTMLEscaping.escape(site.language))">
            <head>
            <meta charset="utf-8">
            <title>\(title) · \(HTMLEscaping.escape(site.title))</title>
            <meta name="robots" content="noindex">
            <link rel="canonical" href="\(HTMLEscaping.escape(site.baseURL + note.folder))">
            <meta http-equiv="refresh" content="0; url=\(target)">
            </head>
            <body>
            <p>This note has moved to <a href="\(target)">\(title)</a>.</p>
            </body>
            </html>

            """
    }
}
