import NotesDiagnostics
import NotesMarkdown

/// The addresses notes claim, and the conflicts among them that fail a build: two notes with one
/// number ("No. 03" twice), and aliases that would put two pages at one address. `notes build` and
/// `notes check` find them the same way.
///
/// Both run on every build, over every note: they take a ``Claim`` per note rather than its front
/// matter (copying a thousand of those cost a millisecond), and name a note's `note.md` only in the
/// messages they return.
package enum NoteAddresses {
    /// What a note claims: its folder's name, its number and its aliases.
    package struct Claim: Sendable {
        package var slug: String
        package var number: Int
        /// Where `number:` is written; nil when the number comes from the folder's name.
        package var numberLocation: SourceLocation?
        package var aliases: [NoteAlias]

        package init(slug: String, _ frontMatter: FrontMatter) {
            self.slug = slug
            self.number = frontMatter.number
            self.numberLocation = frontMatter.numberLocation
            self.aliases = frontMatter.aliases
        }
    }

    /// Notes that take a number an earlier one has, each reported where its number is written (at
    /// its `note.md` when the number comes from the folder's name). `claims` are in folder order.
    /// - Parameter displayPath: a note's `note.md` as messages print it, by slug.
    package static func duplicateNumbers(_ claims: [Claim], displayPath: (String) -> String) -> [Diagnostic] {
        var firstWithNumber: [Int: Int] = [:]
        firstWithNumber.reserveCapacity(claims.count)
        var problems: [Diagnostic] = []
        for (index, note) in claims.enumerated() {
            guard let first = firstWithNumber[note.number].map({ claims[$0] }) else {
                firstWithNumber[note.number] = index
                continue
            }
            // Two pages would claim "No. 03"; readers and links could not tell them apart.
            let place = note.numberLocation ?? SourceLocation(path: displayPath(note.slug), line: 1, column: 1)
            let firstPlace = first.numberLocation.map { "\($0)" } ?? "\(displayPath(first.slug)) (from its folder's name)"
            problems.append(
                Diagnostic(
                    at: place, "note number \(note.number) is also used by \(firstPlace)",
                    help: note.numberLocation == nil
                        ? "add a `number:` line with a free number (this one comes from the folder's name)"
                        : "give each note its own `number`"))
        }
        return problems
    }

    /// Aliases that would put two pages at one address: an alias that is a note's folder name (its
    /// own or another's; drafts count, as they are published one day), or one given twice. Each is
    /// reported where the alias is written.
    /// - Parameter displayPath: a note's `note.md` as messages print it, by slug.
    package static func aliasConflicts(_ claims: [Claim], displayPath: (String) -> String) -> [Diagnostic] {
        // Most sites have no alias at all.
        guard claims.contains(where: { !$0.aliases.isEmpty }) else { return [] }
        let folders = Set(claims.map(\.slug))
        var firstPlace: [String: SourceLocation] = [:]
        var problems: [Diagnostic] = []
        for note in claims.sorted(by: { $0.slug < $1.slug }) {
            for alias in note.aliases {
                if alias.folder == note.slug {
                    problems.append(
                        Diagnostic(
                            at: alias.location, "the alias `\(alias.folder)` is this note's own address",
                            help: "remove it from `aliases`: an alias is an address the note had before"))
                } else if folders.contains(alias.folder) {
                    problems.append(
                        Diagnostic(
                            at: alias.location, "the alias `\(alias.folder)` is the address of \(displayPath(alias.folder))",
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
