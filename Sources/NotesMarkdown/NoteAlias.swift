import NotesDiagnostics

/// An old address of a note, from `aliases:` in its front matter: the folder name it had before it
/// was renumbered or renamed. The build leaves a page there that sends readers on to the note.
///
/// Written as the old folder name (`03-foo`) or its path in the site (`/03-foo/`, `/notes/03-foo/`);
/// kept as the folder name.
package struct NoteAlias: Hashable, Sendable {
    /// The old folder name (`03-foo`): the redirect lives at `notes/03-foo/index.html`.
    package var folder: String
    /// Where the alias is written.
    package var location: SourceLocation

    package init(folder: String, location: SourceLocation) {
        self.folder = folder
        self.location = location
    }

    /// The alias `text` names, or an error at `location` when it is not an old address of a note.
    package init(_ text: String, at location: SourceLocation) throws(MarkdownError) {
        var path = Substring(text.trimmingWhitespace())
        while path.hasPrefix("/") { path = path.dropFirst() }
        while path.hasSuffix("/") { path = path.dropLast() }
        if path.hasSuffix("/index.html") { path = path.dropLast("/index.html".count) }
        if path.hasPrefix("notes/") { path = path.dropFirst("notes/".count) }
        let isFolderName =
            !path.isEmpty && path != "." && path != ".."
            && path.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: ".")
            }
        guard isFolderName else {
            throw MarkdownError(
                .invalidField, at: location, "the alias \(text.quotedForDiagnostic()) is not an old address of a note",
                help: "write the folder name the note had, e.g. `aliases: [03-old-name]` (or its path, `/notes/03-old-name/`)")
        }
        self.folder = String(path)
        self.location = location
    }
}
