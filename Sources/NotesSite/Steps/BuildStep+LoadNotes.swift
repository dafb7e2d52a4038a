import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRender

extension BuildStep {
    /// Finds the notes and reads those that changed since the previous build (all of them on a clean
    /// build) in parallel, collecting the problems of all notes before failing.
    ///
    /// A note is unchanged when its folder's stamp (``FolderStamp``) and the page key of the site
    /// (settings and templates) are those of the previous build; it is then not read at all. One
    /// whose page only needs filling again (a template edit) is not read either when its body is
    /// kept in memory (`notes serve`).
    package static let loadNotes = BuildStep("load notes") { context in
        let (site, _) = try context.requireSite()
        let layout = context.layout
        let loader = NoteLoader(layout: layout)
        let limit = context.options.concurrency
        // With a watcher's list of changed files, a folder it did not name keeps its stamp, and the
        // notes are the previous build's plus the folders it named (when that build had them all).
        let previous = context.previous
        // A watcher that lost track reports the content folder itself: then everything is looked at.
        let changedFolders = context.changedPaths.flatMap { paths -> Set<String>? in
            if paths.contains(layout.content.path) || paths.contains(layout.root.path) { return nil }
            return Set(
                paths.compactMap { path -> String? in
                    guard path.hasPrefix(layout.content.path + "/") else { return nil }
                    return path.dropFirst(layout.content.path.count + 1).split(separator: "/").first.map(String.init)
                })
        }
        var slugs: [String]
        if let changedFolders, !previous.notes.isEmpty, context.options.includeDrafts {
            let named = changedFolders.filter { slug in
                !slug.hasPrefix(".") && !slug.hasPrefix("_")
                    && FileManager.default.fileExists(atPath: layout.content.appendingPathComponent("\(slug)/note.md").path)
            }
            slugs = Set(previous.notes.keys).subtracting(changedFolders).union(named).sorted()
        } else {
            do throws(BuildError) { slugs = try loader.candidateSlugs() } catch {
                throw DiagnosticList(error.diagnostics)
            }
        }
        let contentPath = layout.content.path
        // `content/<slug>/note.md` as messages print it, without a URL per note (they cost).
        let contentDisplay = layout.display(layout.content)
        let displayInside = layout.displayBase.path.hasPrefix(contentPath)
        let noteDisplay = { (slug: String) in
            displayInside ? layout.display(layout.content.appendingPathComponent("\(slug)/note.md")) : "\(contentDisplay)/\(slug)/note.md"
        }
        var stamps = await slugs.concurrentMap(limit: limit) { slug in
            let record = previous.notes[slug]
            if let changedFolders, !changedFolders.contains(slug), let record, record.folderStamp != FolderStamp.unknown {
                return (value: record.folderStamp, listing: record.folderListing)
            }
            return FolderStamp.of(contentPath + "/" + slug, reusing: record?.folderListing)
        }
        // Candidates without a note.md are not notes; a listing says, else (a stamp left unknown) a stat.
        let isNote = zip(slugs, stamps).map { slug, stamp in
            stamp.listing?.holdsNote ?? (FileStamp.of(contentPath + "/" + slug + "/note.md") != nil)
        }
        slugs = zip(slugs, isNote).filter(\.1).map(\.0)
        stamps = zip(stamps, isNote).filter(\.1).map(\.0)
        var changed: [URL] = []
        var changedStamps: [String: FolderStamp.Taken] = [:]
        var unchanged: [NoteRecord] = []
        for (slug, stamp) in zip(slugs, stamps) {
            if let record = previous.notes[slug], record.folderStamp == stamp.value, stamp.value != FolderStamp.unknown,
                record.pageKey == context.pageKey || record.body != nil && record.bodyKey == context.bodyKey
            {
                if let listing = stamp.listing, listing != record.folderListing {
                    unchanged.append(record.relisted(listing))
                } else {
                    unchanged.append(record)
                }
            } else {
                changed.append(layout.content.appendingPathComponent(slug, isDirectory: true))
                changedStamps[slug] = stamp
            }
        }
        var notes = try await loader.load(changed, stamps: changedStamps, concurrency: limit)
        // Drafts included: their addresses are taken too (drafts are always read, never kept).
        let claims =
            (notes.map { NoteAddresses.Claim(slug: $0.slug, $0.frontMatter) }
                + unchanged.map { NoteAddresses.Claim(slug: $0.slug, $0.page.frontMatter) })
        let aliasConflicts = NoteAddresses.aliasConflicts(claims, displayPath: noteDisplay)
        if !context.options.includeDrafts {
            notes.removeAll { $0.frontMatter.isDraft }
            unchanged.removeAll { $0.page.frontMatter.isDraft }
        }
        let all = notes.map { NoteOrder($0.slug, $0.frontMatter) } + unchanged.map { NoteOrder($0.slug, $0.page.frontMatter) }
        // Numbers are taken by the notes published (all of them, unless drafts were left out).
        let published = claims.count == all.count ? nil : Set(all.map(\.slug))
        let numbered = published.map { published in claims.filter { published.contains($0.slug) } } ?? claims
        let duplicates = NoteAddresses.duplicateNumbers(numbered.sorted { $0.slug < $1.slug }, displayPath: noteDisplay)
        guard duplicates.isEmpty, aliasConflicts.isEmpty else { throw DiagnosticList(duplicates + aliasConflicts) }
        // The feed carries its notes in full: an unchanged one whose feed body was never kept is read.
        let order = all.indices.sorted { NoteOrder.newestFirst(all[$0], all[$1]) }
        let feed = Set(order.prefix(site.feedLimit == 0 ? order.count : site.feedLimit).map { all[$0].slug })
        let withoutFeedBody = unchanged.filter { feed.contains($0.slug) && !$0.hasFeedBody }
        if !withoutFeedBody.isEmpty {
            let slugs = Set(withoutFeedBody.map(\.slug))
            unchanged.removeAll { slugs.contains($0.slug) }
            notes += try await loader.load(
                withoutFeedBody.map { layout.content.appendingPathComponent($0.slug, isDirectory: true) }, concurrency: limit)
        }
        context.notes = notes.sorted { NoteOrder.newestFirst(NoteOrder($0.slug, $0.frontMatter), NoteOrder($1.slug, $1.frontMatter)) }
        context.unchanged = unchanged
        context.feedSlugs = feed
    }
}

/// Where a note goes in lists: newest date first; for the same date, the higher number first; then
/// by folder. Holds just what it needs, for sorting many notes without copying their front matter.
struct NoteOrder {
    var slug: String
    var date: NoteDate
    var number: Int

    init(_ slug: String, _ frontMatter: FrontMatter) {
        self.slug = slug
        self.date = frontMatter.date
        self.number = frontMatter.number
    }

    static func newestFirst(_ a: NoteOrder, _ b: NoteOrder) -> Bool {
        newestFirst((a.date, a.number, a.slug), (b.date, b.number, b.slug))
    }

    /// The order on its parts, for what is not a ``NoteOrder``.
    static func newestFirst(_ a: (NoteDate, Int, String), _ b: (NoteDate, Int, String)) -> Bool {
        if a.0 != b.0 { return a.0 > b.0 }
        if a.1 != b.1 { return a.1 > b.1 }
        return a.2 < b.2
    }
}
