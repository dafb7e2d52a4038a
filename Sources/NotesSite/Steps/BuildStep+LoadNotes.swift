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
        let folders: [URL]
        if let changedFolders, !previous.notes.isEmpty, context.options.includeDrafts {
            let named = changedFolders.filter { slug in
                !slug.hasPrefix(".") && !slug.hasPrefix("_")
                    && FileManager.default.fileExists(atPath: layout.content.appendingPathComponent("\(slug)/note.md").path)
            }
            folders = Set(previous.notes.keys).subtracting(changedFolders).union(named).sorted()
                .map { layout.content.appendingPathComponent($0, isDirectory: true) }
        } else {
            do throws(BuildError) { folders = try loader.noteFolders() } catch { throw DiagnosticList(error.diagnostics) }
        }
        let stamps = await folders.concurrentMap(limit: limit) { folder in
            let slug = folder.lastPathComponent
            if let changedFolders, !changedFolders.contains(slug), let record = previous.notes[slug],
                record.folderStamp != FolderStamp.unknown
            {
                return record.folderStamp
            }
            return FolderStamp.of(folder.path)
        }
        var changed: [URL] = []
        var unchanged: [NoteRecord] = []
        for (folder, stamp) in zip(folders, stamps) {
            if let record = context.previous.notes[folder.lastPathComponent], record.folderStamp == stamp, stamp != FolderStamp.unknown,
                record.pageKey == context.pageKey || record.body != nil && record.bodyKey == context.bodyKey
            {
                unchanged.append(record)
            } else {
                changed.append(folder)
            }
        }
        var notes = try await loader.load(changed, concurrency: limit)
        if !context.options.includeDrafts {
            notes.removeAll { $0.frontMatter.isDraft }
            unchanged.removeAll { $0.page.frontMatter.isDraft }
        }
        let all = (notes.map { NoteOrder($0.slug, $0.frontMatter) } + unchanged.map { NoteOrder($0.slug, $0.page.frontMatter) })
        let duplicates = duplicateNumbers(
            all.sorted { $0.slug < $1.slug }.map { entry in
                (entry.frontMatter, layout.display(layout.content.appendingPathComponent("\(entry.slug)/note.md")))
            })
        guard duplicates.isEmpty else { throw DiagnosticList(duplicates) }
        // The feed carries its notes in full: an unchanged one whose feed body was never kept is read.
        let order = all.sorted(by: NoteOrder.newestFirst)
        let feed = Set(order.prefix(site.feedLimit == 0 ? order.count : site.feedLimit).map(\.slug))
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

    /// Notes in folder order, given as their front matter and `note.md`'s display path.
    private static func duplicateNumbers(_ notes: [(frontMatter: FrontMatter, displayPath: String)]) -> [Diagnostic] {
        var firstWithNumber: [Int: (frontMatter: FrontMatter, displayPath: String)] = [:]
        var problems: [Diagnostic] = []
        for note in notes {
            let number = note.frontMatter.number
            if let first = firstWithNumber[number] {
                // Two pages would claim "No. 03"; readers and links could not tell them apart.
                let place = note.frontMatter.numberLocation ?? SourceLocation(path: note.displayPath, line: 1, column: 1)
                let firstPlace = first.frontMatter.numberLocation.map { "\($0)" } ?? "\(first.displayPath) (from its folder's name)"
                problems.append(
                    Diagnostic(
                        at: place, "note number \(number) is also used by \(firstPlace)",
                        help: note.frontMatter.numberLocation == nil
                            ? "add a `number:` line with a free number (this one comes from the folder's name)"
                            : "give each note its own `number`"))
            } else {
                firstWithNumber[number] = note
            }
        }
        return problems
    }
}

/// Where a note goes in lists: newest date first; for the same date, the higher number first; then
/// by folder.
struct NoteOrder {
    var slug: String
    var frontMatter: FrontMatter

    init(_ slug: String, _ frontMatter: FrontMatter) {
        self.slug = slug
        self.frontMatter = frontMatter
    }

    static func newestFirst(_ a: NoteOrder, _ b: NoteOrder) -> Bool {
        let lhs = a.frontMatter
        let rhs = b.frontMatter
        if lhs.date != rhs.date { return lhs.date > rhs.date }
        if lhs.number != rhs.number { return lhs.number > rhs.number }
        return a.slug < b.slug
    }
}
