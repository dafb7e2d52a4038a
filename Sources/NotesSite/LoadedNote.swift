import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRecords
import NotesRender

/// A note read from its folder: parsed, its listings and figures resolved, and the files the page
/// refers to.
package struct LoadedNote: Sendable {
    /// The folder name, which is also the note's address in the site.
    package var slug: String
    /// The note's folder, absolute.
    package var folder: URL
    /// `content/<slug>/note.md` as messages print it.
    package var displayPath: String
    package var parsed: ParsedNote
    /// The numbered listings and figures, by id; runs and the figures drawn from them are attached
    /// by the `load runs` step.
    package var elements: NoteElements
    /// Files to publish beside the page (listing files for download, images), by name in the folder.
    package var files: [String]
    /// The folder's ``FolderStamp`` when it was read.
    package var folderStamp: UInt64 = 0
    /// What that stamp was taken from (nil when the stamp is ``FolderStamp/unknown``).
    package var folderListing: FolderListing?
    /// What attaching its runs found (a missing or stale run).
    package var warnings: [Diagnostic] = []
    /// What fails the build about its runs (a published note's never-run listing, for `notes build`).
    package var runErrors: [Diagnostic] = []

    package var frontMatter: FrontMatter { parsed.frontMatter }

    /// The listings `notes run` runs, in order.
    package var runnable: [RunnableListing] { elements.runnable }
}
