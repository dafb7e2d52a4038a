import NotesMarkdown
import NotesRender

extension BuildStep {
    /// Writes the pages made from all notes: the home page, one page per tag, the Atom feed,
    /// the sitemap and the 404 page.
    package static let renderIndexes = BuildStep("render indexes") { context in
        let (site, templates) = try context.requireSite()
        let pages = PageRenderer(site: site, templates: templates)
        let feed = FeedRenderer(site: site)
        let notes = context.pages

        var notesByTag: [Tag: [NotePage]] = [:]
        for note in notes {
            for name in note.frontMatter.tags { notesByTag[Tag(name), default: []].append(note) }
        }
        let tags = notesByTag.keys.sorted()

        // Each note's summary is filled once per depth and shared by the home page and its tag pages.
        let limit = context.options.concurrency
        let homeSummaries = await notes.concurrentMap(limit: limit) { pages.summary($0, root: "") }
        let tagSummaries = await notes.concurrentMap(limit: limit) { pages.summary($0, root: Tag.root) }
        var summaryBySlug: [String: String] = [:]
        for (note, summary) in zip(notes, tagSummaries) { summaryBySlug[note.slug] = summary }

        try context.output.write(
            pages.index(notes, summaries: homeSummaries, tags: tags.map { ($0, notesByTag[$0]!.count) }), to: "index.html")
        let output = context.output
        let tagged = notesByTag
        let shared = summaryBySlug
        let failures = await tags.concurrentMap(limit: limit) { tag in
            Result { () throws(BuildError) in
                let notes = tagged[tag]!
                try output.write(pages.tag(tag, notes: notes, summaries: notes.map { shared[$0.slug]! }), to: tag.path)
            }
        }
        for failure in failures { try failure.get() }
        let feedNotes = site.feedLimit == 0 ? notes : Array(notes.prefix(site.feedLimit))
        try context.output.write(feed.atom(feedNotes), to: "atom.xml")
        try context.output.write(feed.sitemap(notes, tags: tags), to: "sitemap.xml")
        try context.output.write(pages.notFound(), to: "404.html")
        context.filesWritten += 4 + tags.count
    }
}
