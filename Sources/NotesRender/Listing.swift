import NotesDiagnostics
import NotesMarkdown
import NotesRecords

/// A code listing as a page shows it: the file, its highlighted code and a numbered caption.
///
/// The code is read from the listing's file in the note folder, so page and program never disagree.
package struct Listing: Hashable, Sendable {
    /// The file name shown in the header, e.g. `parallel_tools.py`; empty for an inline listing.
    package var fileName: String
    /// The language used for highlighting (`python`), from the fence or the file's extension.
    package var language: String
    /// The code, exactly as in the file.
    package var code: String
    /// The caption without its number ("A ReAct loop that supports parallel tool calls"), as inline Markdown;
    /// empty for none.
    package var caption: [Inline]
    /// 1-based, in order of appearance in the note.
    package var number: Int
    /// How `notes run` runs it, for a fence marked `run`.
    package var runnable: RunnableListing?
    /// The listing's stored run, shown under it (attached by the build).
    package var run: RunView?
    /// In the preview only: what is wrong with the stored run (missing, stale) and the command that
    /// makes it, shown on the page where the run goes; never set for the published site.
    package var previewNotice: Diagnostic?

    package init(fileName: String, language: String, code: String, caption: [Inline], number: Int, runnable: RunnableListing? = nil) {
        self.fileName = fileName
        self.language = language
        self.code = code
        self.caption = caption
        self.number = number
        self.runnable = runnable
        self.run = nil
        self.previewNotice = nil
    }

    /// `listing-1`: the element's id, and its anchor; the run panel's ids start with it.
    package var id: String { "listing-\(number)" }

    /// The file's extension as the header shows it (`py`), else the language.
    package var displayExtension: String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return language }
        return String(fileName[fileName.index(after: dot)...])
    }
}
