import Foundation
import NotesDiagnostics
import NotesMarkdown

extension NoteScaffold {
    /// A note already in the project, as `notes new` compares a new one with it.
    struct ExistingNote {
        /// The folder's name (`03-do-it-all-at-once`).
        var folder: String
        /// The slug after the number (`do-it-all-at-once`).
        var slug: String
        /// Nil when the note cannot be read; `notes new` is not the place to report that.
        var frontMatter: FrontMatter?
    }

    /// The notes in `layout`'s `content/` (its folders holding a `note.md`), by folder name.
    static func existingNotes(in layout: ProjectLayout) -> [ExistingNote] {
        let parser = NoteParser()
        let folders = (try? NoteLoader(layout: layout).noteSlugs()) ?? []
        return folders.compactMap { folder in
            let file = layout.content.appendingPathComponent(folder).appendingPathComponent("note.md")
            guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
            let frontMatter = try? parser.parse(String(decoding: data, as: UTF8.self), path: layout.display(file)).frontMatter
            let slug = folder.drop { $0.isNumber }.drop { $0 == "-" }
            return ExistingNote(folder: folder, slug: String(slug), frontMatter: frontMatter)
        }
    }

    /// Why this note would clash with one already in `layout`: the same title (at that note's title),
    /// the same slug under another number (at its folder), or a folder name another note keeps as an
    /// old address (at that alias). Nil when it would not.
    func clash(in layout: ProjectLayout) -> Diagnostic? {
        let existing = Self.existingNotes(in: layout)
        let wanted = Self.comparable(title)
        for note in existing {
            guard let frontMatter = note.frontMatter, Self.comparable(frontMatter.title) == wanted else { continue }
            let file = layout.content.appendingPathComponent(note.folder).appendingPathComponent("note.md")
            return Diagnostic(
                at: frontMatter.titleLocation ?? SourceLocation(path: layout.display(file)),
                "this note already has the title \(Self.yamlString(frontMatter.title))",
                help: "pick another title for the new note: two notes with one title look the same in the index and the feed")
        }
        if let note = existing.first(where: { $0.slug == slug }) {
            return Diagnostic(
                at: SourceLocation(path: layout.display(layout.content.appendingPathComponent(note.folder))),
                "this note already has the slug `\(slug)`",
                help: "pass --slug with another name for the new note's folder (its address), or pick another title")
        }
        for note in existing {
            guard let alias = note.frontMatter?.aliases.first(where: { $0.folder == folderName }) else { continue }
            return Diagnostic(
                at: alias.location, "this note keeps `\(folderName)` as an old address, which redirects to it",
                help: "pass --slug or --number for another folder name, or remove the alias from that note")
        }
        return nil
    }

    /// A title as two titles are compared: case and runs of spaces do not count.
    private static func comparable(_ title: String) -> String {
        title.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
