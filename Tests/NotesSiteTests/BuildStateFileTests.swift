import Foundation
import NotesMarkdown
import NotesRender
import NotesSite
import Testing

/// The state file `notes build` leaves beside the site reads back as it was written: written in
/// chunks with one checksum across them, its list entries kept as bytes until asked for, and the
/// records read from it written back as they were read.
@Suite struct BuildStateFileTests {
    @Test func aStateOfManyChunksReadsBackAsWrittenAndAgainAfterBeingWrittenBack() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("state-file-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = ProjectLayout(root: root, displayBase: root, output: root.appendingPathComponent("site", isDirectory: true))
        let options = BuildOptions()
        var state = BuildState(engine: BuildState.engineKey(options: options, layout: layout))
        for number in 1...100 {
            let record = Self.record(number)
            state.notes[record.slug] = record
            state.published[record.outputs[0]] = OutputFile(
                stamp: FileStamp(
                    size: Int64(number), modifiedSeconds: 1_700_000_000, modifiedNanoseconds: Int64(number), inode: UInt64(number)),
                version: UInt64(number))
        }
        state.publishedFiles = Set(state.published.keys).union(["index.html", "atom.xml"])
        state.save(for: layout.output)
        let size = try FileManager.default.attributesOfItem(atPath: BuildState.file(for: layout.output).path)[.size] as? Int ?? 0
        #expect(size > 4 * 65_536, "several chunks")

        let loaded = BuildState.load(for: layout.output, options: options, layout: layout)
        expectEqual(loaded, state)
        loaded.save(for: layout.output)  // its records written back as read
        expectEqual(BuildState.load(for: layout.output, options: options, layout: layout), state)
        // Another binary or other options: the file is not used.
        #expect(BuildState.load(for: layout.output, options: BuildOptions(includeDrafts: true), layout: layout).notes.isEmpty)
    }

    /// The state is written in place (a cache: a torn write fails its checksum), so what stands at its
    /// name is never written through: a symbolic link a cloned project brought along is replaced, the
    /// file it points to left alone; a named pipe is neither waited on nor written into.
    @Test func theStateIsNeverWrittenThroughALinkOrIntoAPipe() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("state-link-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = ProjectLayout(root: root, displayBase: root, output: root.appendingPathComponent("site", isDirectory: true))
        let options = BuildOptions()
        var state = BuildState(engine: BuildState.engineKey(options: options, layout: layout))
        state.notes["0001-note"] = Self.record(1)
        let stateFile = BuildState.file(for: layout.output).path

        let outside = root.appendingPathComponent("outside.txt").path
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: outside))
        try FileManager.default.createSymbolicLink(atPath: stateFile, withDestinationPath: outside)
        state.save(for: layout.output)
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.attributesOfItem(atPath: stateFile)[.type] as? FileAttributeType == .typeRegular)
        #expect(BuildState.load(for: layout.output, options: options, layout: layout).notes.count == 1)

        try FileManager.default.removeItem(atPath: stateFile)
        #expect(mkfifo(stateFile, 0o644) == 0)
        #expect(BuildState.load(for: layout.output, options: options, layout: layout).notes.isEmpty, "not waited on")
        state.save(for: layout.output)
        #expect(BuildState.load(for: layout.output, options: options, layout: layout).notes.count == 1)
    }

    /// A note's record with list entries of about 8 KB, some of it outside ASCII.
    static func record(_ number: Int) -> NoteRecord {
        let slug = String(format: "%04d-note", number)
        let front = FrontMatter(
            number: number, title: "Note \(number)", dek: "What note \(number) says",
            date: NoteDate(year: 2026, month: 4, day: 1 + number % 28)!,
            tags: ["agents", "tag-\(number % 3)"])
        let page = NotePage(
            slug: slug, frontMatter: front, titleHTML: "Note \(number)", dekHTML: "What note \(number) says",
            body: RenderedBody(
                html: number <= 3 ? "<p>Feed body \(number)</p>" : "", headings: [], wordCount: 900, figureCount: 1, listingCount: 1),
            author: "Ben")
        return NoteRecord(
            folderStamp: UInt64(number) * 7919, pageKey: "page-key", bodyKey: "body-key", summaryKey: "summary-key", page: page,
            hasFeedBody: number <= 3,
            homeSummary: String(repeating: "<li>entry \(number) – “quoted” </li>", count: 200),
            tagSummary: String(repeating: "<li>tag entry \(number) é </li>", count: 200),
            outputs: ["notes/\(slug)/index.html", "notes/\(slug)/agent.py"], warnings: [], body: nil,
            folderListing: FolderListing(
                entries: [.init(path: "agent.py", isFolder: false), .init(path: "note.md", isFolder: false)],
                folders: [.init(path: "", stamp: FileStamp(size: 4096, modifiedSeconds: 1, modifiedNanoseconds: 2, inode: 3), changed: 4)]))
    }

    func expectEqual(_ loaded: BuildState, _ expected: BuildState, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(loaded.engine == expected.engine, sourceLocation: sourceLocation)
        #expect(loaded.notes.count == expected.notes.count, sourceLocation: sourceLocation)
        for (slug, record) in expected.notes {
            guard let read = loaded.notes[slug] else {
                Issue.record("\(slug) missing", sourceLocation: sourceLocation)
                continue
            }
            #expect(read.homeSummary == record.homeSummary, sourceLocation: sourceLocation)
            #expect(read.tagSummary == record.tagSummary, sourceLocation: sourceLocation)
            #expect(read.page.body.html == record.page.body.html, sourceLocation: sourceLocation)
            #expect(read.page.frontMatter == record.page.frontMatter, sourceLocation: sourceLocation)
            #expect(read.folderStamp == record.folderStamp && read.folderListing == record.folderListing, sourceLocation: sourceLocation)
            #expect(read.outputs == record.outputs && read.version == record.version, sourceLocation: sourceLocation)
        }
        #expect(loaded.published == expected.published, sourceLocation: sourceLocation)
        #expect(loaded.publishedFiles == expected.publishedFiles, sourceLocation: sourceLocation)
        #expect(loaded.spareFiles == expected.spareFiles, sourceLocation: sourceLocation)
    }
}
