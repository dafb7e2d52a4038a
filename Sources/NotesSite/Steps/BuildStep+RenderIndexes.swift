import NotesMarkdown
import NotesRender

extension BuildStep {
    /// Writes the pages made from all notes: the home page, one page per tag, the Atom feed,
    /// the sitemap and the 404 page.
    package static let renderIndexes = BuildStep("render indexes") { context in
        let (site, templates) = try context.requireSite()
        let pages = PageRenderer(site: site, templates: templates)
        let feed = FeedRenderer(site: site)
        let records = context.records
        let notes = records.map(\.page)

        // Tags that differ only in spelling ("Tool Use", "tool-use") share a page: one entry per
        // slug, named by its most used spelling (ties: the first in sort order), a note listed once.
        var notesByTag: [Tag: [NotePage]] = [:]
        var summariesByTag: [Tag: [String]] = [:]
        let tagNames = Tag.names(records.map(\.page.frontMatter.tags))
        for record in records {
            var seen: Set<String> = []
            for name in record.page.frontMatter.tags {
                let tag = tagNames[Tag(name).slug]!
                guard seen.insert(tag.slug).inserted else { continue }
                notesByTag[tag, default: []].append(record.page)
                summariesByTag[tag, default: []].append(record.tagSummary)
            }
        }
        let tags = notesByTag.keys.sorted()
        let homeSummaries = records.map(\.homeSummary)
        let limit = context.options.concurrency

        try context.output.write(
            pages.index(notes, summaries: homeSummaries, tags: tags.map { ($0, notesByTag[$0]!.count) }), to: "index.html")
        let output = context.output
        let tagged = notesByTag
        let summaries = summariesByTag
        let failures = await tags.concurrentMap(limit: limit) { tag in
            Result { () throws(BuildError) in
                try output.write(pages.tag(tag, notes: tagged[tag]!, summaries: summaries[tag]!), to: tag.path)
            }
        }
        for failure in failures { try failure.get() }
        // Records of notes in the feed hold the body the feed carries.
        let feedNotes = site.feedLimit == 0 ? notes : Array(notes.prefix(site.feedLimit))
        try context.output.write(feed.atom(feedNotes), to: "atom.xml")
        try context.output.write(feed.sitemap(notes, tags: tags), to: "sitemap.xml")
        try context.output.write(pages.notFound(), to: "404.html")
        context.filesWritten += 4 + tags.count
    }
}

extension Tag {
    /// The tag each slug stands for, named by the spelling most notes use (ties: the first in sort
    /// order), so the same notes give the same names whatever order they are read in.
    static func names(_ tagLists: [[String]]) -> [String: Tag] {
        var uses: [String: [String: Int]] = [:]
        for tags in tagLists {
            for name in tags { uses[Tag(name).slug, default: [:]][name, default: 0] += 1 }
        }
        return uses.mapValues { spellings in
            let best = spellings.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!
            return Tag(best.key)
        }
    }
}
