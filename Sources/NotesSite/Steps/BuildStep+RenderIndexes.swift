import NotesMarkdown
import NotesRecords
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
        var recordsByTag: [Tag: [NoteRecord]] = [:]
        let tagNames = Tag.names(records.map(\.page.frontMatter.tags))
        for record in records {
            var seen: Set<String> = []
            for name in record.page.frontMatter.tags {
                let tag = tagNames[Tag(name).slug]!
                guard seen.insert(tag.slug).inserted else { continue }
                recordsByTag[tag, default: []].append(record)
            }
        }
        let tags = recordsByTag.keys.sorted()
        let homeSummaries = records.map(\.homeSummary)
        let limit = context.options.concurrency
        let feedNotes = site.feedLimit == 0 ? notes : Array(notes.prefix(site.feedLimit))

        // What each page is made from: a page the previous build made from the same is reused.
        let siteKey = context.siteKey
        func inputs(_ template: String, _ add: (inout ChangeHash) -> Void) -> UInt64 {
            var hash = ChangeHash()
            hash.add(siteKey)
            hash.add(templates.fingerprints[template] ?? "-")
            add(&hash)
            return hash.value
        }
        var versions: [String: UInt64] = [:]
        versions["index.html"] = inputs("index") { hash in
            for record in records { hash.add(Int64(bitPattern: record.listHashes.home)) }
            for tag in tags {
                hash.add(tag.name)
                hash.add(Int64(recordsByTag[tag]!.count))
            }
        }
        for tag in tags {
            versions[tag.path] = inputs("tag") { hash in
                hash.add(tag.name)
                for record in recordsByTag[tag]! { hash.add(Int64(bitPattern: record.listHashes.tag)) }
            }
        }
        versions["atom.xml"] = inputs("-") { hash in
            for record in records.prefix(feedNotes.count) { hash.add(Int64(bitPattern: record.listHashes.feed)) }
        }
        versions["sitemap.xml"] = inputs("-") { hash in
            for record in records { hash.add(Int64(bitPattern: record.listHashes.home)) }
        }
        versions["404.html"] = inputs("404") { _ in }
        context.listVersions = versions

        let made = versions
        let output = context.output
        let previous = context.previous
        /// Keeps or copies the page the previous build made from the same inputs, else renders it.
        @Sendable func place(_ path: String, render: () -> String) throws(BuildError) {
            if !output.reuse(path, version: made[path]!, previous: previous) { try output.write(render(), to: path) }
        }

        try place("index.html") { pages.index(notes, summaries: homeSummaries, tags: tags.map { ($0, recordsByTag[$0]!.count) }) }
        let tagged = recordsByTag
        let failures = await tags.concurrentMap(limit: limit) { tag in
            Result { () throws(BuildError) in
                try place(tag.path) { pages.tag(tag, notes: tagged[tag]!.map(\.page), summaries: tagged[tag]!.map(\.tagSummary)) }
            }
        }
        for failure in failures { try failure.get() }
        // Records of notes in the feed hold the body the feed carries.
        try place("atom.xml") { feed.atom(feedNotes) }
        try place("sitemap.xml") { feed.sitemap(notes, tags: tags) }
        try place("404.html") { pages.notFound() }
        context.filesWritten += 4 + tags.count
    }
}

extension ChangeHash {
    /// What lists show of a note, and its entry (or, for the feed, its body).
    mutating func addListed(_ page: NotePage, summary: String) {
        add(page.slug)
        add(Int64(page.frontMatter.number))
        add(page.titleHTML)
        add(page.dekHTML)
        add(page.frontMatter.date.description)
        add(Int64(page.readingMinutes))
        for tag in page.frontMatter.tags { add(tag) }
        add("")
        add(summary)
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
