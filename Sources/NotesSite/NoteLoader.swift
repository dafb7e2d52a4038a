import Foundation
import NotesDiagnostics
import NotesMarkdown

/// Finds the notes under `content/` and reads each one.
struct NoteLoader: Sendable {
    let layout: ProjectLayout
    private let parser = NoteParser()

    init(layout: ProjectLayout) {
        self.layout = layout
    }

    /// The note folders: every folder of `content/` holding a `note.md`, sorted by name.
    func noteFolders() throws(BuildError) -> [URL] {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: layout.content.path) else {
            throw BuildError(
                at: nil, "no content folder at \(layout.display(layout.content))",
                help: "run `notes` in the project folder (the one holding content/), or pass -C <dir>")
        }
        return names.sorted().compactMap { name in
            guard !name.hasPrefix("."), !name.hasPrefix("_") else { return nil }
            let folder = layout.content.appendingPathComponent(name, isDirectory: true)
            return fileManager.fileExists(atPath: folder.appendingPathComponent("note.md").path) ? folder : nil
        }
    }

    /// Reads and checks every note in parallel, collecting the problems of all notes before failing.
    func loadAll(concurrency: Int) async throws(DiagnosticList) -> [LoadedNote] {
        let folders: [URL]
        do { folders = try noteFolders() } catch { throw DiagnosticList(error.diagnostics) }
        let results = await folders.concurrentMap(limit: concurrency) { [self] folder in
            Result { () throws(DiagnosticList) in try load(folder) }
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
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw DiagnosticList([Diagnostic(at: SourceLocation(path: displayPath), "cannot read the note")])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw DiagnosticList([Diagnostic(at: SourceLocation(path: displayPath), "the note is not UTF-8 text", help: "save it as UTF-8")]
            )
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

    /// `3` for a folder named `03-do-it-all-at-once`.
    static func leadingNumber(_ name: String) -> Int? {
        Int(name.prefix { $0.isASCII && $0.isNumber })
    }
}
