import NotesMarkdown

/// Fills the site's templates for each kind of page.
///
/// Every link a page holds is relative (`../../tags/agents/index.html`), computed from the page's own
/// depth, so the site works from `file://` and under any base path; only canonical links, the feed
/// and the sitemap use the absolute base URL.
package struct PageRenderer: Sendable {
    package let site: SiteConfig
    package let templates: TemplateSet

    package init(site: SiteConfig, templates: TemplateSet) {
        self.site = site
        self.templates = templates
    }

    /// A note's page.
    package func note(_ page: NotePage) -> String {
        let root = Self.root(of: page.path)
        var context = base(root: root, path: page.path, title: "\(page.plainTitle) · \(site.title)", description: page.frontMatter.dek)
        context["note"] = noteSummary(page, root: root).merging([
            "body": page.body.html,
            "author": page.author,
            "headings": page.body.headings.filter { $0.level == 2 }.map { ["id": $0.id, "text": $0.text] as [String: Any] },
            "extra": page.frontMatter.extra,
        ]) { $1 }
        return templates.render("note", context)
    }

    /// A note as lists show it: `partials/note-summary` filled for a page whose way back to the
    /// site root is `root`.
    ///
    /// Lists render each note once per depth and reuse it (the home page and every tag page hold
    /// the same summaries), instead of filling the partial again for each list.
    package func summary(_ page: NotePage, root: String) -> String {
        templates.render("partials/note-summary", noteSummary(page, root: root))
    }

    /// The home page: every note, newest first; `summaries` are the notes' ``summary(_:root:)`` at depth 0.
    ///
    /// Templates get `notes` (each note's fields, for custom lists) and `notes_html` (the summaries
    /// joined, which the default template prints as is: iterating thousands of notes in Mustache
    /// costs more than the rest of the page).
    package func index(_ notes: [NotePage], summaries: [String], tags: [(Tag, Int)]) -> String {
        let path = "index.html"
        var context = base(root: "", path: path, title: site.title, description: site.description)
        context["notes"] = notes.map { noteSummary($0, root: "") }
        context["notes_html"] = summaries.joined()
        context["tags"] = tags.map { tag, count in ["name": tag.name, "url": tag.path, "count": count] as [String: Any] }
        context["has_tags"] = !tags.isEmpty
        return templates.render("index", context)
    }

    /// The page listing the notes with one tag; `summaries` are the notes' ``summary(_:root:)`` at
    /// the tag page's depth (``Tag/root``).
    package func tag(_ tag: Tag, notes: [NotePage], summaries: [String]) -> String {
        let root = Tag.root
        var context = base(
            root: root, path: tag.path, title: "Notes tagged \(tag.name) · \(site.title)", description: "Field notes tagged \(tag.name).")
        context["tag"] = ["name": tag.name]
        context["notes"] = notes.map { noteSummary($0, root: root) }
        context["notes_html"] = summaries.joined()
        return templates.render("tag", context)
    }

    /// The page a server shows for a missing address; its links start from the base URL's path,
    /// because it is served at whatever depth the missing address had.
    package func notFound() -> String {
        var context = base(root: site.basePath, path: "404.html", title: "Page not found · \(site.title)", description: site.description)
        context["canonical_url"] = nil
        return templates.render("404", context)
    }

    // MARK: - Contexts

    private func base(root: String, path: String, title: String, description: String) -> [String: Any] {
        var siteContext: [String: Any] = [
            "title": site.title, "author": site.author, "language": site.language, "base_url": site.baseURL,
        ]
        if !site.description.isEmpty { siteContext["description"] = site.description }
        return [
            "site": siteContext,
            "root": root,
            "page": ["title": title, "description": description, "path": path] as [String: Any],
            "canonical_url": site.baseURL + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path),
        ]
    }

    private func noteSummary(_ page: NotePage, root: String) -> [String: Any] {
        var summary: [String: Any] = [
            "url": root + page.path,
            "number": page.displayNumber,
            "title": page.titleHTML,
            "date": page.frontMatter.date.displayText,
            "date_iso": page.frontMatter.date.description,
            "reading_time": page.readingMinutes,
            "tags": page.frontMatter.tags.map { name in
                let tag = Tag(name)
                return ["name": tag.name, "url": root + tag.path] as [String: Any]
            },
        ]
        // Mustache renders a section for any present value, even "", so leave empty ones out.
        if !page.dekHTML.isEmpty { summary["dek"] = page.dekHTML }
        return summary
    }

    /// `../` once per folder in `path`: the way back to the site root.
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.filter { $0 == "/" }.count)
    }
}
