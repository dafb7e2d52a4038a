import NotesDiagnostics
import NotesMarkdown
import NotesRender

/// Reads what ``StateWriter`` wrote, throwing ``Damaged`` rather than trapping on short input.
struct StateReader {
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
