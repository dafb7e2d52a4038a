import Foundation
import NotesDiagnostics
import NotesRecords
import NotesRunner
import NotesTestSupport
import NotesTransport
import Testing

/// A test project with notes written by the test, sharing the repository's Python environment.
struct RunnerFixture {
    let project: TestProject
    var root: URL { project.root }

    /// An empty project (site settings, templates) whose `.notes/venv` is the repository's.
    static func make() async throws -> RunnerFixture {
        _ = try await PythonEnvironment(projectRoot: repositoryRoot()).prepare { print("python environment: \($0)") }
        let project = try TestProject(notes: [])
        try project.linkPythonEnvironment()
        return RunnerFixture(project: project)
    }

    /// Writes `content/<note>/<file>` and returns it as a runnable listing.
    func listing(note: String = "01-test", file: String, language: String, _ code: String, tools: [String] = []) throws -> RunnableListing {
        try project.write("content/\(note)/\(file)", code)
        return RunnableListing(
            noteSlug: note, noteFolder: root.appendingPathComponent("content/\(note)"), file: file, language: language,
            toolFunctions: tools, location: SourceLocation(path: "content/\(note)/note.md", line: 5, column: 1))
    }

    var runner: ListingRunner { ListingRunner(projectRoot: root, toolVersion: "test") }

    func run(_ listing: RunnableListing, _ options: RunOptions = RunOptions()) async throws -> Transcript {
        try await runner.run(listing, options: options).transcript
    }

    /// Writes an empty cassette recorded at `recordedAt`, which pins the listing's clock in replay.
    func emptyCassette(for listing: RunnableListing, recordedAt: String) throws {
        let date = ISO8601DateFormatter().date(from: recordedAt)!
        try FileManager.default.createDirectory(at: listing.runsFolder, withIntermediateDirectories: true)
        try Cassette(metadata: .init(recordedAt: date, engine: "https://api.anthropic.com", toolVersion: "test", provenance: .recorded))
            .save(to: listing.cassette)
    }

    func remove() { project.remove() }
}

extension Transcript {
    /// Standard output's text lines.
    var stdoutLines: [String] { output.lines.filter { $0.stream == "stdout" }.map(\.text) }
    var stderrLines: [String] { output.lines.filter { $0.stream == "stderr" }.map(\.text) }
}
