import NotesDiagnostics
import NotesMarkdown

extension BuildStep {
    /// Reads and checks every note in parallel, collecting the problems of all notes before failing.
    package static let loadNotes = BuildStep("load notes") { context in
        var notes = try await NoteLoader(layout: context.layout).loadAll(concurrency: context.options.concurrency)
        let aliasConflicts = aliasConflicts(notes)  // drafts included: their addresses are taken too
        if !context.options.includeDrafts { notes.removeAll { $0.frontMatter.isDraft } }
        let duplicates = duplicateNumbers(notes) + aliasConflicts
        guard duplicates.isEmpty else { throw DiagnosticList(duplicates) }
        context.notes = notes.sorted(by: newestFirst)
    }

    /// Newest date first; for the same date, the higher number first; then by folder.
    static func newestFirst(_ a: LoadedNote, _ b: LoadedNote) -> Bool {
        let lhs = a.frontMatter
        let rhs = b.frontMatter
        if lhs.date != rhs.date { return lhs.date > rhs.date }
        if lhs.number != rhs.number { return lhs.number > rhs.number }
        return a.slug < b.slug
    }

    private static func duplicateNumbers(_ notes: [LoadedNote]) -> [Diagnostic] {
        var firstWithNumber: [Int: LoadedNote] = [:]
        var problems: [Diagnostic] = []
        for note in notes {
            let number = note.frontMatter.number
            if let first = firstWithNumber[number] {
                // Two pages would claim "No. 03"; readers and links could not tell them apart.
                func place(_ note: LoadedNote) -> SourceLocation {
                    note.frontMatter.numberLocation ?? SourceLocation(path: note.displayPath, line: 1, column: 1)
                }
                let firstPlace = first.frontMatter.numberLocation.map { "\($0)" } ?? "\(first.displayPath) (from its folder's name)"
                problems.append(
                    Diagnostic(
                        at: place(note), "note number \(number) is also used by \(firstPlace)",
                        help: note.frontMatter.numberLocation == nil
                            ? "add a `number:` line with a free number (this one comes from the folder's name)"
                            : "give each note its own `number`"))
            } else {
                firstWithNumber[number] = note
            }
        }
        return problems
    }
}
