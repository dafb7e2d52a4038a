import Foundation
import NotesDiagnostics

/// A listing that `notes run` runs: a fence with the `run` attribute, its file, how to start it,
/// and where its recorded run is kept (`runs/` in the note's folder).
package struct RunnableListing: Hashable, Sendable {
    /// The note's folder name (`03-do-it-all-at-once`).
    package var noteSlug: String
    /// The note's folder, absolute.
    package var noteFolder: URL
    /// The listing's file, relative to the note's folder (`parallel_tools.py`).
    package var file: String
    /// The fence's language (`python`, `sh`, ...), which picks the interpreter.
    package var language: String
    /// Arguments after the file (`args="--fast 3"`).
    package var arguments: [String]
    /// Python functions that execute tools (`tools=run_tool`), observed for per-tool timing lanes.
    package var toolFunctions: [String]
    /// The fence, for messages.
    package var location: SourceLocation

    package init(
        noteSlug: String, noteFolder: URL, file: String, language: String, arguments: [String] = [],
        toolFunctions: [String] = [], location: SourceLocation
    ) {
        self.noteSlug = noteSlug
        self.noteFolder = noteFolder
        self.file = file
        self.language = language
        self.arguments = arguments
        self.toolFunctions = toolFunctions
        self.location = location
    }

    /// Fence languages whose listings run with the project's Python (and may name `tools=`).
    package static let pythonLanguages: Set<String> = ["python", "py", "python3"]

    /// `03-do-it-all-at-once/parallel_tools.py`: how commands and summaries name the listing.
    package var name: String { "\(noteSlug)/\(file)" }

    /// The file without its extension, naming its run files.
    package var stem: String {
        let last = (file as NSString).lastPathComponent
        return (last as NSString).deletingPathExtension
    }

    package var listingURL: URL { noteFolder.appendingPathComponent(file) }
    package var runsFolder: URL { noteFolder.appendingPathComponent("runs", isDirectory: true) }
    /// The recorded exchanges with the engine (HAR 1.2 JSON).
    package var cassette: URL { runsFolder.appendingPathComponent("\(stem).cassette.json") }
    /// What the run printed and did, rendered by `notes build`.
    package var transcript: URL { runsFolder.appendingPathComponent("\(stem).transcript.json") }
    /// The run as Chrome Trace Event JSON, written by `notes run --trace`.
    package var trace: URL { runsFolder.appendingPathComponent("\(stem).trace.json") }
}
