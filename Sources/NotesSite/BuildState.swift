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

/// What the build remembers about one published note. A reference, and immutable: builds pass a
/// thousand of them around, sort and keep them, and copying their strings each time showed.
package final class NoteRecord: Sendable {
    /// The note's folder stamp (``FolderStamp``) when it was read.
    package let folderStamp: UInt64
    /// What that stamp was taken from, so that the next one lists no folder that did not change.
    package let folderListing: FolderListing?
    /// The record's own bytes in the state file it was read from, written back as they are: records
    /// are immutable, and most of a build's are the last build's.
    let stored: StoredBytes?
    /// The fingerprint of everything else its page depends on (site settings, the note and list entry
    /// templates, and ``bodyKey``); see the `load site` step.
    package let pageKey: String
    /// The fingerprint of what its body depends on outside its folder (the run player's template, the
    /// Python requirements). A page is filled again from ``body`` only while this holds.
    package let bodyKey: String
    /// The note as lists and the feed show it. `page.body.html` is the body the feed carries when
    /// the note is in the feed (``hasFeedBody``), else empty.
    package let page: NotePage
    package let hasFeedBody: Bool
    /// The note's entry in lists at depth 0 (the home page) and at a tag page's depth.
    package var homeSummary: String { homeText.string }
    package var tagSummary: String { tagText.string }
    let homeText: RecordText
    let tagText: RecordText
    /// The files the note put in the site (its page, its listing files and images), by path.
    package let outputs: [String]
    /// What loading its runs found (missing or stale runs), printed by every build.
    package let warnings: [Diagnostic]
    /// The page's full body, in memory only (``BuildState/keepsBodies``).
    package let body: String?
    /// The fingerprint of what its list entries depend on outside its folder (the site settings and
    /// the list entry's template); entries are kept while it holds.
    package let summaryKey: String
    /// Which version of the note's page this record describes: its folder and its page key.
    package let version: UInt64
    /// Which version of the note's other files (listings, images) it describes: its folder alone.
    package let fileVersion: UInt64
    /// Hashes of what the home page, a tag page and the feed show of the note: a list whose notes'
    /// hashes are those of the previous build is that build's list.
    let listHashes: ListHashes

    /// What lists show of a note, hashed: its home page entry, its tag page entry, its feed entry.
    struct ListHashes: Sendable {
        var home: UInt64
        var tag: UInt64
        var feed: UInt64
    }

    package convenience init(
        folderStamp: UInt64, pageKey: String, bodyKey: String, summaryKey: String, page: NotePage, hasFeedBody: Bool,
        homeSummary: String, tagSummary: String, outputs: [String], warnings: [Diagnostic], body: String?,
        folderListing: FolderListing? = nil
    ) {
        self.init(
            folderStamp: folderStamp, pageKey: pageKey, bodyKey: bodyKey, summaryKey: summaryKey, page: page,
            hasFeedBody: hasFeedBody, homeSummary: RecordText(homeSummary), tagSummary: RecordText(tagSummary), outputs: outputs,
            warnings: warnings, body: body,
            listHashes: Self.listHashes(page: page, homeSummary: homeSummary, tagSummary: tagSummary, hasFeedBody: hasFeedBody),
            folderListing: folderListing)
    }

    /// A record as the state file keeps it: list entries possibly still as the file's bytes, and the
    /// hashes of what lists show of the note, so that loading does not hash every entry again.
    init(
        folderStamp: UInt64, pageKey: String, bodyKey: String, summaryKey: String, page: NotePage, hasFeedBody: Bool,
        homeSummary: RecordText, tagSummary: RecordText, outputs: [String], warnings: [Diagnostic], body: String?,
        listHashes: ListHashes, folderListing: FolderListing?, stored: StoredBytes? = nil
    ) {
        self.folderListing = folderListing
        self.stored = stored
        self.summaryKey = summaryKey
        self.folderStamp = folderStamp
        self.pageKey = pageKey
        self.bodyKey = bodyKey
        self.page = page
        self.hasFeedBody = hasFeedBody
        self.homeText = homeSummary
        self.tagText = tagSummary
        self.outputs = outputs
        self.warnings = warnings
        self.body = body
        var version = ChangeHash()
        version.add(Int64(bitPattern: folderStamp))
        version.add(pageKey)
        self.version = version.value
        var fileVersion = ChangeHash()
        fileVersion.add(Int64(bitPattern: folderStamp))
        self.fileVersion = fileVersion.value
        self.listHashes = listHashes
    }

    private static func listHashes(page: NotePage, homeSummary: String, tagSummary: String, hasFeedBody: Bool) -> ListHashes {
        var home = ChangeHash()
        home.addListed(page, summary: homeSummary)
        var tag = ChangeHash()
        tag.addListed(page, summary: tagSummary)
        var feed = ChangeHash()
        feed.addListed(page, summary: hasFeedBody ? page.body.html : "")
        feed.add(page.author)
        return ListHashes(home: home.value, tag: tag.value, feed: feed.value)
    }

    package var slug: String { page.slug }

    /// The version `path`, one of its ``outputs``, was written for: the page's or the other files'.
    package func version(of path: String) -> UInt64 {
        path == outputs.first ? version : fileVersion
    }

    /// This record with the listing its folder's stamp was just taken from, the stamp unchanged: the
    /// folder was listed again (an editor's swap file came and went), and the next build need not.
    func relisted(_ listing: FolderListing) -> NoteRecord {
        NoteRecord(
            folderStamp: folderStamp, pageKey: pageKey, bodyKey: bodyKey, summaryKey: summaryKey, page: page, hasFeedBody: hasFeedBody,
            homeSummary: homeText, tagSummary: tagText, outputs: outputs, warnings: warnings, body: body, listHashes: listHashes,
            folderListing: listing)
    }

    /// This record after its page was filled again with other templates or settings.
    func refilled(pageKey: String, summaryKey: String, author: String, homeSummary: String, tagSummary: String) -> NoteRecord {
        var page = page
        page.author = author
        return NoteRecord(
            folderStamp: folderStamp, pageKey: pageKey, bodyKey: bodyKey, summaryKey: summaryKey, page: page,
            hasFeedBody: hasFeedBody, homeSummary: homeSummary, tagSummary: tagSummary, outputs: outputs, warnings: warnings,
            body: body, folderListing: folderListing)
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
