import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRecords

/// Finds the notes under `content/` and reads each one.
struct NoteLoader: Sendable {
    let layout: ProjectLayout
    private let parser = NoteParser()

    init(layout: ProjectLayout) {
        self.layout = layout
    }

    /// The note folders: every folder of `content/` holding a `note.md`, sorted by name.
    func noteFolders() throws(BuildError) -> [URL] {
        try noteSlugs().map { layout.content.appendingPathComponent($0, isDirectory: true) }
    }

    /// The names of the note folders (`03-do-it-all-at-once`), sorted; by path, with one `stat`
    /// each, since a thousand URLs cost more than the check.
    func noteSlugs() throws(BuildError) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: layout.content.path) else {
            throw BuildError(
                at: nil, "no content folder at \(layout.display(layout.content))",
                help: "run `notes` in the project folder (the one holding content/), or pass -C <dir>")
        }
        let content = layout.content.path
        return names.sorted().filter { name in
            !name.hasPrefix(".") && !name.hasPrefix("_") && FileStamp.of(content + "/" + name + "/note.md") != nil
        }
    }

    /// The folders of `content/` that may be notes, sorted: every one ``noteSlugs()`` names, and folders
    /// without a `note.md` too, as this does not look inside them (the caller's stamp does: see
    /// ``FolderListing/holdsNote``). One `readdir` of `content/`, nothing per folder.
    func candidateSlugs() throws(BuildError) -> [String] {
        var names: [String] = []
        guard
            FileContents.list(
                layout.content.path,
                { name, isFolder in
                    if isFolder != false, !name.hasPrefix("."), !name.hasPrefix("_") { names.append(name) }
                })
        else {
            return try noteSlugs()  // which says what is wrong
        }
        return names.sorted()
    }

    /// Reads and checks every note in parallel, collecting the problems of all notes before failing.
    func loadAll(concurrency: Int) async throws(DiagnosticList) -> [LoadedNote] {
        let folders: [URL]
        do { folders = try noteFolders() } catch { throw DiagnosticList(error.diagnostics) }
        return try await load(folders, concurrency: concurrency)
    }

    /// Reads and checks the notes in `folders` in parallel, in order, each with its folder's stamp
    /// taken before it is read (a save while reading makes the next build read it again): the one in
    /// `stamps` (by folder name) when the caller just took it, else a new one.
    func load(
        _ folders: [URL], stamps: [String: FolderStamp.Taken] = [:], concurrency: Int
    ) async throws(DiagnosticList) -> [LoadedNote] {
        let results = await folders.concurrentMap(limit: concurrency) { [self] folder in
            Result { () throws(DiagnosticList) in
                let stamp = stamps[folder.lastPathComponent] ?? FolderStamp.of(folder.path)
                var note = try load(folder)
                note.folderStamp = stamp.value
                note.folderListing = stamp.listing
                return note
            }
        }
        var notes: [LoadedNote] = []
        var problems: [Diagnostic] = []
        for result in results {
            switch result {
            case .success(let note): notes.append(note)
            case .failure(let list): problems += list.diagnostics
            }
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        return notes
    }

    /// Reads and checks one note: front matter, Markdown, listings and images.
    func load(_ folder: URL) throws(DiagnosticList) -> LoadedNote {
        let slug = folder.lastPathComponent
        let file = folder.appendingPathComponent("note.md")
        let displayPath = layout.display(file)
        guard Self.isValidSlug(slug) else {
            throw DiagnosticList([
                Diagnostic(
                    at: SourceLocation(path: displayPath), "the folder name `\(slug)` cannot be a page address",
                    help: "rename the folder using letters, digits, `-`, `_` and `.` only, e.g. 04-tools-that-wait")
            ])
        }
        guard ConfinedPath.isInside(file, root: layout.root) else {
            throw DiagnosticList([
                Diagnostic(
                    at: SourceLocation(path: displayPath), "the note leads outside the project (a symbolic link?)",
                    help: "keep the note's folder and note.md inside the project; notes publishes nothing from elsewhere")
            ])
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DiagnosticList([
                Diagnostic(
                    at: SourceLocation(path: displayPath), "note.md is a folder, not a file",
                    help: "a note is the file \(displayPath): move what the folder holds and make it a Markdown file")
            ])
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw DiagnosticList([
                Diagnostic(
                    at: SourceLocation(path: displayPath), "cannot read the note", help: "check that the file is readable (its permissions)"
                )
            ])
        }
        let text: String
        switch UTF8Text.decode(data, path: displayPath) {
        case .success(let decoded): text = decoded
        case .failure(let problem): throw DiagnosticList([problem])
        }
        let parsed: ParsedNote
        do {
            parsed = try parser.parse(text, path: displayPath, defaultNumber: Self.leadingNumber(slug))
        } catch {
            throw DiagnosticList(error.asDiagnostics)
        }
        var resolver = NoteResolver(folder: folder, displayFolder: layout.display(folder))
        resolver.resolve(parsed.document.blocks)
        resolver.checkFiguresFromRuns()
        guard resolver.problems.isEmpty else { throw DiagnosticList(resolver.problems) }
        return LoadedNote(
            slug: slug, folder: folder, displayPath: displayPath, parsed: parsed, elements: resolver.elements,
            files: resolver.files.sorted())
    }

    /// Whether a folder name works as-is in a URL (`03-do-it-all-at-once`): ASCII letters, digits,
    /// `-`, `_` and `.`, so the sitemap and the feed never carry an address that needs escaping.
    static func isValidSlug(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: ".")
            }
    }

    /// `3` for a folder named `03-do-it-all-at-once`.
    static func leadingNumber(_ name: String) -> Int? {
        Int(name.prefix { $0.isASCII && $0.isNumber })
    }
}
