import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRecords

/// The runnable listings of a project, found the way `notes build` finds them (so every problem in
/// the notes is reported the same way), for `notes run` and `notes check`.
package struct ProjectRuns: Sendable {
    package var site: SiteConfig
    /// Every runnable listing, by note folder then position in the note.
    package var listings: [RunnableListing]
    /// The folders of notes marked `draft: true` (`04-my-note`).
    package var draftNotes: Set<String> = []
    /// Every note, drafts included, by folder name: what `notes check` reads besides the listings.
    package var notes: [LoadedNote] = []

    package init(site: SiteConfig, listings: [RunnableListing], draftNotes: Set<String> = [], notes: [LoadedNote] = []) {
        self.site = site
        self.listings = listings
        self.draftNotes = draftNotes
        self.notes = notes
    }

    /// Whether `listing` belongs to a draft.
    package func isDraft(_ listing: RunnableListing) -> Bool { draftNotes.contains(listing.noteSlug) }

    /// Reads `site.yml` and every note (drafts included: they can be run before they are published).
    package static func load(_ layout: ProjectLayout) async throws(DiagnosticList) -> ProjectRuns {
        let site = try SiteConfig.load(layout)
        let notes = try await NoteLoader(layout: layout).loadAll(concurrency: BuildOptions().concurrency)
        let sorted = notes.sorted { $0.slug < $1.slug }
        return ProjectRuns(
            site: site, listings: sorted.flatMap(\.runnable), draftNotes: Set(notes.filter(\.frontMatter.isDraft).map(\.slug)),
            notes: sorted)
    }

    /// Reads `site.yml` and the notes in the folders named `slugs` only (`notes serve`, after a save).
    package static func load(_ layout: ProjectLayout, notes slugs: [String]) async throws(DiagnosticList) -> ProjectRuns {
        let site = try SiteConfig.load(layout)
        let folders = slugs.sorted().map { layout.content.appendingPathComponent($0, isDirectory: true) }
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("note.md").path) }
        let notes = try await NoteLoader(layout: layout).load(folders, concurrency: BuildOptions().concurrency)
        return ProjectRuns(
            site: site, listings: notes.flatMap(\.runnable), draftNotes: Set(notes.filter(\.frontMatter.isDraft).map(\.slug)))
    }

    /// The listings `selectors` name: a note (`03-do-it-all-at-once`, or its number `03`), a listing
    /// (`03-do-it-all-at-once/parallel_tools.py`), or a path to either. No selectors: all of them.
    package func select(_ selectors: [String]) throws(Diagnostic) -> [RunnableListing] {
        guard !selectors.isEmpty else { return listings }
        var chosen: [RunnableListing] = []
        for selector in selectors {
            let matches = listings.filter { Self.matches($0, selector) }
            guard !matches.isEmpty else {
                let known = Set(listings.map(\.noteSlug)).sorted().joined(separator: ", ")
                throw Diagnostic(
                    at: nil, "no runnable listing matches `\(selector)`",
                    help: known.isEmpty ? "mark a listing fence with `run` to make it runnable" : "notes with runnable listings: \(known)")
            }
            chosen += matches.filter { !chosen.contains($0) }
        }
        return chosen
    }

    private static func matches(_ listing: RunnableListing, _ selector: String) -> Bool {
        var selector = selector
        while selector.hasSuffix("/") { selector.removeLast() }
        if let range = selector.range(of: "content/") { selector = String(selector[range.upperBound...]) }
        if selector.hasSuffix("/note.md") { selector = String(selector.dropLast("/note.md".count)) }
        if selector == listing.noteSlug || selector == listing.name { return true }
        if let number = Int(selector), let noteNumber = Int(listing.noteSlug.prefix { $0.isNumber }), number == noteNumber { return true }
        return false
    }
}
