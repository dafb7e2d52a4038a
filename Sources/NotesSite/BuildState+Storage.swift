import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRender

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension BuildState {
    /// The state file of the build writing into `output`: `.<name>.cache` beside it, like the
    /// spare folder and the lock.
    package static func file(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).cache")
    }

    /// What this binary with these options writes into the state, and expects to read back: a state
    /// made by another build of `notes` or with other options starts a clean build.
    /// Messages keep the paths as the build printed them, so the folder they are relative to counts too.
    package static func engineKey(options: BuildOptions, layout: ProjectLayout) -> String {
        var key =
            "notes-build-state-5 drafts=\(options.includeDrafts) preview=\(options.preview) runs-required=\(options.requiresRuns) messages-from=\(layout.displayBase.path)"
        #if os(Linux)
            let executable = "/proc/self/exe"
        #else
            let executable = CommandLine.arguments.first ?? ""
        #endif
        if let stamp = FileStamp.of(executable) {
            key += " binary=\(stamp.size)-\(stamp.modifiedSeconds).\(stamp.modifiedNanoseconds)-\(stamp.inode)"
        }
        return key
    }

    /// Reads the state the last build into `output` left, or an empty one when there is none or it
    /// does not fit `options`.
    package static func load(for output: URL, options: BuildOptions, layout: ProjectLayout) -> BuildState {
        let engine = engineKey(options: options, layout: layout)
        // A state file is megabytes at most (about 3.5 MB at 1,000 notes): a far larger one is not ours.
        guard let bytes = FileContents.read(file(for: output).path, limit: 1 << 30),
            let state = try? BuildState(decoding: bytes), state.engine == engine
        else { return BuildState(engine: engine) }
        return state
    }

    /// Writes the state beside `output`, over the old file in place (then cut to its new length).
    ///
    /// Not aside and renamed over, as `notes` writes what it must not lose: renaming over a file, or
    /// truncating one to nothing, makes ext4 write the new file to disk at once (its safeguard for
    /// replaced files, 4-5 ms here, a tenth of a rebuild), and this file is only a cache. A write
    /// torn by a crash, or read half-done by another build, fails the checksum: that build is then a
    /// clean one, never a wrong one. Not synced either, for the same reason.
    ///
    /// Whatever stands at that name and is not a regular file (a symbolic link a cloned project
    /// brought along, say) is removed first, never written through.
    package func save(for output: URL) {
        let path = Self.file(for: output).path
        var fd = Self.openRegularFile(path)
        if fd < 0, unlink(path) == 0 || errno == ENOENT { fd = Self.openRegularFile(path) }
        guard fd >= 0 else { return }
        defer { close(fd) }
        var length: off_t = 0
        let written = encode { chunk in
            defer { length += off_t(chunk.count) }
            return FileContents.write(chunk, to: fd)
        }
        // A failed write leaves a file whose checksum fails: the next build is a clean one.
        if written { _ = ftruncate(fd, length) }
    }

    /// Opens `path` for writing when it is a regular file or nothing (then created); -1 otherwise.
    private static func openRegularFile(_ path: String) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return -1 }
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            errno = EEXIST
            return -1
        }
        return fd
    }

    // MARK: - Bytes

    private static let magic = Array("NOTESBS2".utf8)

    /// The state as bytes: a magic, then the fields, then a ChangeHash checksum of everything before it.
    func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        _ = encode { chunk in
            bytes += chunk
            return true
        }
        return bytes
    }

    /// Hands ``encoded()``'s bytes to `write` a chunk at a time (megabytes of them: one buffer for all
    /// cost more in fresh pages than the writing); false when `write` failed.
    func encode(to write: (ArraySlice<UInt8>) -> Bool) -> Bool {
        withoutActuallyEscaping(write) { write in
            var out = StateWriter(flush: write)
            out.bytes += Self.magic
            out.string(engine)
            // Maps are written in their own order, not sorted: the reader makes maps of them again.
            out.int(notes.count)
            for record in notes.values { out.record(record) }
            out.stamps(published)
            out.stamps(spare)
            for files in [publishedFiles, spareFiles] {
                out.bool(files != nil)
                if let files { out.strings(Array(files)) }
            }
            return out.finish()
        }
    }

    /// Reads ``encoded()``'s bytes; throws on any damage.
    init(decoding bytes: [UInt8]) throws {
        guard bytes.count > Self.magic.count + 8, Array(bytes.prefix(Self.magic.count)) == Self.magic else {
            throw StateReader.Damaged()
        }
        var hash = ChangeHash()
        hash.add(bytes.dropLast(8))
        var tail = StateReader(file: StateFileBytes(bytes), position: bytes.count - 8)
        guard try tail.int() == Int(bitPattern: UInt(hash.value)) else { throw StateReader.Damaged() }
        var input = StateReader(file: StateFileBytes(bytes), position: Self.magic.count)
        self.init(engine: try input.string())
        let count = try input.count()
        notes.reserveCapacity(count)
        for _ in 0..<count {
            let record = try input.record()
            notes[record.slug] = record
        }
        published = try input.stamps()
        spare = try input.stamps()
        publishedFiles = try input.bool() ? Set(try input.strings()) : nil
        spareFiles = try input.bool() ? Set(try input.strings()) : nil
    }
}

/// Appends fixed-width integers and length-prefixed strings.
private struct StateWriter {
    /// What is not handed to ``flush`` yet.
    var bytes: [UInt8] = []
    private let flush: (ArraySlice<UInt8>) -> Bool
    private var hash = ChangeHash()
    private var failed = false
    private static let chunk = 1 << 16

    init(flush: @escaping (ArraySlice<UInt8>) -> Bool) {
        self.flush = flush
        bytes.reserveCapacity(Self.chunk + 4096)
    }

    /// Hands on what is buffered once it makes a chunk. The checksum goes over the chunks as it would
    /// over the whole: ``ChangeHash`` takes eight bytes at a time, and every chunk but the last is a
    /// multiple of eight long.
    private mutating func flushIfFull() {
        guard bytes.count >= Self.chunk else { return }
        let length = bytes.count & ~7
        hash.add(bytes[..<length])
        if !failed, !flush(bytes[..<length]) { failed = true }
        bytes.removeFirst(length)
    }

    /// Hands on the rest and the checksum; false when any chunk could not be written.
    mutating func finish() -> Bool {
        hash.add(bytes)
        withUnsafeBytes(of: Int64(Int(bitPattern: UInt(hash.value))).littleEndian) { bytes += $0 }
        if !failed, !flush(bytes[...]) { failed = true }
        bytes.removeAll()
        return !failed
    }

    mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 }
    }

    mutating func int64(_ value: Int64) { int(Int(value)) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func text(_ value: RecordText) {
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values {
            string(value)
            flushIfFull()
        }
    }

    mutating func stamps(_ files: [String: OutputFile]) {
        int(files.count)
        for (path, file) in files {
            let stamp = file.stamp
            string(path)
            int64(Int64(bitPattern: file.version))
            fileStamp(stamp)
            flushIfFull()
        }
    }

    mutating func fileStamp(_ stamp: FileStamp) {
        int64(stamp.size)
        int64(stamp.modifiedSeconds)
        int64(stamp.modifiedNanoseconds)
        int64(Int64(bitPattern: stamp.inode))
    }

    mutating func folderListing(_ listing: FolderListing) {
        int(listing.entries.count)
        for entry in listing.entries {
            string(entry.path)
            bool(entry.isFolder)
        }
        int(listing.folders.count)
        for folder in listing.folders {
            string(folder.path)
            fileStamp(folder.stamp)
            int64(folder.changed)
        }
    }

    mutating func location(_ location: SourceLocation?) {
        bool(location != nil)
        guard let location else { return }
        string(location.path)
        int(location.line)
        int(location.column)
    }

    mutating func record(_ record: NoteRecord) {
        defer { flushIfFull() }
        if let stored = record.stored {
            stored.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
            return
        }
        int64(Int64(bitPattern: record.folderStamp))
        bool(record.folderListing != nil)
        if let listing = record.folderListing { folderListing(listing) }
        string(record.pageKey)
        string(record.bodyKey)
        string(record.summaryKey)
        page(record.page)
        bool(record.hasFeedBody)
        text(record.homeText)
        text(record.tagText)
        strings(record.outputs)
        let hashes = record.listHashes
        for hash in [hashes.home, hashes.tag, hashes.feed] { int64(Int64(bitPattern: hash)) }
        int(record.warnings.count)
        for warning in record.warnings {
            string(warning.severity.rawValue)
            location(warning.location)
            string(warning.message)
            optional(warning.help)
            strings(warning.reasons)
        }
    }

    mutating func page(_ page: NotePage) {
        string(page.slug)
        let front = page.frontMatter
        int(front.number)
        string(front.title)
        string(front.dek)
        int(front.date.year)
        int(front.date.month)
        int(front.date.day)
        strings(front.tags)
        optional(front.author)
        bool(front.isDraft)
        int(front.readingTime ?? -1)
        let extra = front.extra.sorted { $0.key < $1.key }
        strings(extra.map(\.key))
        strings(extra.map(\.value))
        location(front.numberLocation)
        int(front.aliases.count)
        for alias in front.aliases {
            string(alias.folder)
            location(alias.location)
        }
        string(page.titleHTML)
        string(page.dekHTML)
        // The body's headings are left out: they make the page's table of contents, and a record read
        // from the file has no body to fill a page from (``NoteRecord/body``).
        string(page.body.html)
        int(page.body.wordCount)
        int(page.body.figureCount)
        int(page.body.listingCount)
        string(page.author)
    }
}

/// Reads what ``StateWriter`` wrote, throwing ``Damaged`` rather than trapping on short input.
private struct StateReader {
    struct Damaged: Error {}

    let file: StateFileBytes
    let bytes: [UInt8]
    var position: Int

    init(file: StateFileBytes, position: Int) {
        self.file = file
        self.bytes = file.bytes
        self.position = position
    }

    mutating func int() throws -> Int {
        guard position + 8 <= bytes.count else { throw Damaged() }
        var value: Int64 = 0
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[position..<(position + 8)]) }
        position += 8
        return Int(Int64(littleEndian: value))
    }

    mutating func int64() throws -> Int64 { Int64(try int()) }

    /// A count, which must be plausible for the bytes left.
    mutating func count() throws -> Int {
        let count = try int()
        guard count >= 0, count <= bytes.count - position else { throw Damaged() }
        return count
    }

    mutating func bool() throws -> Bool {
        guard position < bytes.count else { throw Damaged() }
        position += 1
        return bytes[position - 1] != 0
    }

    mutating func string() throws -> String {
        let count = try count()
        defer { position += count }
        return String(decoding: bytes[position..<(position + count)], as: UTF8.self)
    }

    /// A string left as the file's bytes until it is asked for.
    mutating func text() throws -> RecordText {
        let count = try count()
        defer { position += count }
        return RecordText(StoredBytes(file: file, range: position..<(position + count)))
    }

    mutating func optional() throws -> String? { try bool() ? try string() : nil }

    mutating func strings() throws -> [String] {
        try (0..<(try count())).map { _ in try string() }
    }

    mutating func stamps() throws -> [String: OutputFile] {
        let count = try count()
        var stamps: [String: OutputFile] = [:]
        stamps.reserveCapacity(count)
        for _ in 0..<count {
            let path = try string()
            let version = UInt64(bitPattern: try int64())
            stamps[path] = OutputFile(stamp: try fileStamp(), version: version)
        }
        return stamps
    }

    mutating func fileStamp() throws -> FileStamp {
        FileStamp(
            size: try int64(), modifiedSeconds: try int64(), modifiedNanoseconds: try int64(), inode: UInt64(bitPattern: try int64()))
    }

    mutating func folderListing() throws -> FolderListing {
        var entries: [FolderListing.Entry] = []
        for _ in 0..<(try count()) { entries.append(FolderListing.Entry(path: try string(), isFolder: try bool())) }
        var folders: [FolderListing.Folder] = []
        for _ in 0..<(try count()) {
            folders.append(FolderListing.Folder(path: try string(), stamp: try fileStamp(), changed: try int64()))
        }
        return FolderListing(entries: entries, folders: folders)
    }

    mutating func location() throws -> SourceLocation? {
        guard try bool() else { return nil }
        return SourceLocation(path: try string(), line: try int(), column: try int())
    }

    mutating func record() throws -> NoteRecord {
        let start = position
        let folderStamp = UInt64(bitPattern: try int64())
        let folderListing = try bool() ? try folderListing() : nil
        let pageKey = try string()
        let bodyKey = try string()
        let summaryKey = try string()
        let page = try page()
        let hasFeedBody = try bool()
        let homeSummary = try text()
        let tagSummary = try text()
        let outputs = try strings()
        let listHashes = NoteRecord.ListHashes(
            home: UInt64(bitPattern: try int64()), tag: UInt64(bitPattern: try int64()), feed: UInt64(bitPattern: try int64()))
        var warnings: [Diagnostic] = []
        for _ in 0..<(try count()) {
            guard let severity = Diagnostic.Severity(rawValue: try string()) else { throw Damaged() }
            warnings.append(
                Diagnostic(severity, at: try location(), try string(), help: try optional(), reasons: try strings()))
        }
        return NoteRecord(
            folderStamp: folderStamp, pageKey: pageKey, bodyKey: bodyKey, summaryKey: summaryKey, page: page, hasFeedBody: hasFeedBody,
            homeSummary: homeSummary,
            tagSummary: tagSummary, outputs: outputs, warnings: warnings, body: nil, listHashes: listHashes,
            folderListing: folderListing, stored: StoredBytes(file: file, range: start..<position))
    }

    mutating func page() throws -> NotePage {
        let slug = try string()
        let number = try int()
        let title = try string()
        let dek = try string()
        guard let date = NoteDate(year: try int(), month: try int(), day: try int()) else { throw Damaged() }
        let tags = try strings()
        let author = try optional()
        let isDraft = try bool()
        let readingTime = try int()
        let keys = try strings()
        let values = try strings()
        guard keys.count == values.count else { throw Damaged() }
        var front = FrontMatter(
            number: number, title: title, dek: dek, date: date, tags: tags, author: author, isDraft: isDraft,
            readingTime: readingTime < 0 ? nil : readingTime, extra: Dictionary(zip(keys, values)) { first, _ in first })
        front.numberLocation = try location()
        for _ in 0..<(try count()) {
            let folder = try string()
            guard let place = try location() else { throw Damaged() }
            front.aliases.append(NoteAlias(folder: folder, location: place))
        }
        let titleHTML = try string()
        let dekHTML = try string()
        let html = try string()
        let body = RenderedBody(
            html: html, headings: [], wordCount: try int(), figureCount: try int(), listingCount: try int())
        return NotePage(slug: slug, frontMatter: front, titleHTML: titleHTML, dekHTML: dekHTML, body: body, author: try string())
    }
}
