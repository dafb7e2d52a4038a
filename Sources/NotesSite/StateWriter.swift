import NotesDiagnostics
import NotesMarkdown
import NotesRender

/// Appends fixed-width integers and length-prefixed strings.
struct StateWriter {
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
