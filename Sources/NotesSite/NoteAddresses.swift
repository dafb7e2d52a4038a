import NotesDiagnostics
import NotesMarkdown

/// The addresses notes claim, and the conflicts among them that fail a build: two notes with one
/// number ("No. 03" twice), and aliases that would put two pages at one address. `notes build` and
/// `notes check` find them the same way.
package enum NoteAddresses {
    /// Notes that take a number an earlier one has, each reported where its number is written (at
    /// its `note.md` when the number comes from the folder's name). `notes` are in folder order, as
    /// their front matter and `note.md`'s display path.
    package static func duplicateNumbers(_ notes: [(frontMatter: FrontMatter, displayPath: String)]) -> [Diagnostic] {
        var firstWithNumber: [Int: (frontMatter: FrontMatter, displayPath: String)] = [:]
        var problems: [Diagnostic] = []
        for note in notes {
            let number = note.frontMatter.number
            if let first = firstWithNumber[number] {
                // Two pages would claim "No. 03"; readers and links could not tell them apart.
                let place = note.frontMatter.numberLocation ?? SourceLocation(path: note.displayPath, line: 1, column: 1)
                let firstPlace = first.frontMatter.numberLocation.map { "\($0)" } ?? "\(first.displayPath) (from its folder's name)"
                problems.append(
                    Diagnostic(
                        at: place, "note number \(number) is also used by \(firstPlace)",
                        help: note.frontMatter.numberLocation == nil
                            ? "add a `number:` line with a free number (this one comes from the folder's name)"
                            : "give each note its own `number`"))
            } else {
                firstWithNumber[number] = note
            }
        }
        return problems
    }

    /// Aliases that would put two pages at one address: an alias that is a note's folder name (its
    /// own or another's; drafts count, as they are published one day), or one given twice. Each is
    /// reported where the alias is written.
    package static func aliasConflicts(_ notes: [(slug: String, displayPath: String, aliases: [NoteAlias])]) -> [Diagnostic] {
        let notesByFolder = Dictionary(notes.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        var firstPlace: [String: SourceLocation] = [:]
        var problems: [Diagnostic] = []
        for note in notes.sorted(by: { $0.slug < $1.slug }) {
            for alias in note.aliases {
                if alias.folder == note.slug {
                    problems.append(
                        Diagnostic(
                            at: alias.location, "the alias `\(alias.folder)` is this note's own address",
                            help: "remove it from `aliases`: an alias is an address the note had before"))
                } else if let owner = notesByFolder[alias.folder] {
                    problems.append(
                        Diagnostic(
                            at: alias.location, "the alias `\(alias.folder)` is the address of \(owner.displayPath)",
                            help: "remove it from `aliases`, or rename that note's folder: one address cannot lead to two pages"))
                } else if let first = firstPlace[alias.folder] {
                    problems.append(
                        Diagnostic(
                            at: alias.location, "the alias `\(alias.folder)` is also given at \(first)",
                            help: "keep it in one note's `aliases`: one address cannot lead to two pages"))
                } else {
                    firstPlace[alias.folder] = alias.location
                }
            }
        }
        return problems
    }
}
