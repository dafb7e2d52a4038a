import Foundation
import NotesRunner
import NotesTestSupport

/// Runs the built `notes` binary as a real subprocess in a test project.
struct CLIFixture {
    let project: TestProject

    static func make(notes: [String] = ["03-do-it-all-at-once"]) async throws -> CLIFixture {
        _ = try await PythonEnvironment(projectRoot: repositoryRoot()).prepare()
        let project = try TestProject(notes: notes)
        try project.linkPythonEnvironment()
        return CLIFixture(project: project)
    }

    /// `notes <arguments> -C <project>`, with a clean environment (no key, no colour, CI set).
    func notes(_ arguments: [String], timeout: Duration = .seconds(300)) async throws -> TransportProcessResult {
        var environment = ProcessInfo.processInfo.environment
        for name in ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL"] { environment[name] = nil }
        environment["NO_COLOR"] = "1"
        environment["CI"] = "1"
        return try await runTestProcess(
            [try notesBinary().path] + arguments + ["-C", project.root.path],
            environment: environment, directory: project.root,
            outputPrefix: FileManager.default.temporaryDirectory.appendingPathComponent("notes-cli-\(UUID().uuidString)"),
            timeout: timeout)
    }

    func remove() { project.remove() }
}
