import Foundation
import NotesDiagnostics

/// A listing that `notes run` runs: a fence with the `run` attribute, its file, how to start it,
/// and where its recorded run is kept (`runs/` in the note's folder).
public struct RunnableListing: Hashable, Sendable {
    /// The note's folder name (`03-do-it-all-at-once`).
    public var noteSlug: String
    /// The note's folder, absolute.
    public var noteFolder: URL
    /// The listing's file, relative to the note's folder (`parallel_tools.py`).
    public var file: String
    /// The fence's language (`python`, `sh`, ...), which picks the interpreter.
    public var language: String
    /// Arguments after the file (`args="--fast 3"`).
    public var arguments: [String]
    /// Python functions that execute tools (`tools=run_tool`), observed for per-tool timing lanes.
    public var toolFunctions: [String]
    /// The fence, for messages.
    public var location: SourceLocation

    public init(noteSlug: String, noteFolder: URL, file: String, language: String, arguments: [String] = [],
                toolFunctions: [String] = [], location: SourceLocation) {
        self.noteSlug = noteSlug
        self.noteFolder = noteFolder
        self.file = file
        self.language = language
        self.arguments = arguments
        self.toolFunctions = toolFunctions
        self.location = location
    }

    /// `03-do-it-all-at-once/parallel_tools.py`: how commands and summaries name the listing.
    public var name: String { "\(noteSlug)/\(file)" }

    /// The file without its extension, naming its run files.
    var stem: String {
        let last = (file as NSString).lastPathComponent
        return (last as NSString).deletingPathExtension
    }

    public var listingURL: URL { noteFolder.appendingPathComponent(file) }
    public var runsFolder: URL { noteFolder.appendingPathComponent("runs", isDirectory: true) }
    /// The recorded exchanges with the engine (HAR 1.2 JSON).
    public var cassette: URL { runsFolder.appendingPathComponent("\(stem).cassette.json") }
    /// What the run printed and did, rendered by `notes build`.
    public var transcript: URL { runsFolder.appendingPathComponent("\(stem).transcript.json") }
    /// The run as Chrome Trace Event JSON, written by `notes run --trace`.
    public var trace: URL { runsFolder.appendingPathComponent("\(stem).trace.json") }
}
