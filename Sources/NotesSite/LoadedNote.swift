import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRender
import NotesRecords

/// A note read from its folder: parsed, its listings resolved, and the files the page refers to.
package struct LoadedNote: Sendable {
    /// The folder name, which is also the note's address in the site.
    package var slug: String
    /// The note's folder, absolute.
    package var folder: URL
    /// `content/<slug>/note.md` as messages print it.
    package var displayPath: String
    package var parsed: ParsedNote
    /// Listings by the file line of their fence.
    package var listings: [Int: Listing]
    /// Listings that `notes run` runs, by the file line of their fence.
    package var runnable: [Int: RunnableListing]
    /// Diagrams written in the note, by the file line of their fence; figures drawn from runs are
    /// added by the `load runs` step.
    package var diagrams: [Int: Diagram]
    /// Figures to draw from a stored run (`from=FILE`), by the file line of their fence.
    var figuresFromRuns: [Int: FigureFromRun]
    /// Files to publish beside the page (listing files for download, images), by name in the folder.
    package var files: [String]

    package var frontMatter: FrontMatter { parsed.frontMatter }
}

/// A `lanes` or `turn` fence that draws from a listing's stored run: `from=parallel_tools.py step=2`.
struct FigureFromRun: Hashable, Sendable {
    /// The listing's file.
    var file: String
    var language: String
    /// For `turn`: the step whose tool calls it shows.
    var step: Int?
    var location: SourceLocation
}
