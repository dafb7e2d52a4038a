import NotesDiagnostics
import NotesRender

/// What a build knows when it ends, so that the next one redoes only what changed.
///
/// `notes build` keeps it in a compact file beside the output (``BuildState/load(for:options:)``);
/// `notes serve` keeps it in memory between saves, with each page's body too, so a template edit
/// refills pages without reading notes again. A state that does not fit (another `notes` binary,
/// other options, a damaged file) is simply empty: the build is then a clean one.
package struct BuildState: Sendable {
    /// What the state was made with: the `notes` binary and the build options; see ``BuildState/engineKey(options:)``.
    package var engine: String
    /// Every note the last build placed in the site, by slug.
    package var notes: [String: NoteRecord]
    /// The notes' files in the published output (`site/`) as the last build left them, by path in
    /// the site.
    package var published: [String: OutputFile]
    /// The notes' files in the spare folder (the site of the build before), by path in the site.
    package var spare: [String: OutputFile]
    /// Every file of the published output and of the spare, notes' or not, when known: only a state
    /// left by a successful build knows them (nil otherwise: the spare is then searched for leftovers).
    package var publishedFiles: Set<String>?
    package var spareFiles: Set<String>?
    /// Files a watcher reported changed to a build that then failed: the next build looks at them
    /// too, since the state does not know what they hold (in memory only).
    package var unbuiltChanges: Set<String> = []
    /// Whether records keep each page's full body (``NoteRecord/body``): `notes serve` does, to
    /// refill pages after a template edit; the file on disk never holds them.
    package var keepsBodies: Bool

    /// A state that knows nothing: the next build is a clean one.
    package init(engine: String = "", keepsBodies: Bool = false) {
        self.engine = engine
        self.notes = [:]
        self.published = [:]
        self.spare = [:]
        self.publishedFiles = nil
        self.spareFiles = nil
        self.keepsBodies = keepsBodies
    }
}

/// What the build remembers about one published note.
package struct NoteRecord: Sendable {
    /// The note's folder stamp (``FolderStamp``) when it was read.
    package var folderStamp: UInt64
    /// The fingerprint of everything else its page depends on (site settings, templates, `notes`
    /// itself); see ``SiteFingerprints/notePage``.
    package var pageKey: String
    /// The fingerprint of what its body depends on outside its folder; see ``SiteBuilder``'s
    /// `load site` step. A page is filled again from ``body`` only while this holds.
    package var bodyKey: String
    /// The note as lists and the feed show it. `page.body.html` is the body the feed carries when
    /// the note is in the feed (``hasFeedBody``), else empty.
    package var page: NotePage
    package var hasFeedBody: Bool
    /// The note's entry in lists at depth 0 (the home page) and at a tag page's depth.
    package var homeSummary: String
    package var tagSummary: String
    /// The files the note put in the site (its page, its listing files and images), by path.
    package var outputs: [String]
    /// What loading its runs found (missing or stale runs), printed by every build.
    package var warnings: [Diagnostic]
    /// The page's full body, in memory only (``BuildState/keepsBodies``).
    package var body: String?

    package var slug: String { page.slug }

    /// Which version of the note's outputs this record describes: its folder and its page key.
    package var version: UInt64 {
        var hash = FNV1a()
        hash.add(Int64(bitPattern: folderStamp))
        hash.add(pageKey)
        return hash.value
    }
}

/// A file a note put in an output folder: its stamp when written, and the version of the note
/// (``NoteRecord/version``) it was written for. Both must still hold for the file to be reused.
package struct OutputFile: Hashable, Sendable {
    package var stamp: FileStamp
    package var version: UInt64

    package init(stamp: FileStamp, version: UInt64) {
        self.stamp = stamp
        self.version = version
    }
}
