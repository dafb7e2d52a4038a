import Foundation
import NotesTestSupport
import Testing

/// `--help` is part of the interface: its text is a golden file, re-recorded on purpose.
@Suite struct HelpTests {
    @Test(arguments: [["--help"], ["build", "--help"], ["run", "--help"], ["check", "--help"], ["new", "--help"], ["serve", "--help"]])
    func helpMatchesItsGoldenFile(_ arguments: [String]) async throws {
        let result = try await runTestProcess(
            [try notesBinary().path] + arguments, environment: ["COLUMNS": "100", "PATH": "/usr/bin:/bin"],
            directory: FileManager.default.temporaryDirectory,
            outputPrefix: FileManager.default.temporaryDirectory.appendingPathComponent("notes-help-\(UUID().uuidString)"))
        #expect(result.status == 0)
        expectSnapshot(
            result.stdout,
            named: "help-\(arguments.dropLast().joined(separator: "-").isEmpty ? "notes" : arguments.dropLast().joined(separator: "-")).txt"
        )
    }

    @Test(arguments: [["bogus"], ["build", "--jobs", "0"], ["run", "--fast", "--record"]])
    func aUsageErrorExitsTwoSayingWhatIsWrong(_ arguments: [String]) async throws {
        let result = try await runTestProcess(
            [try notesBinary().path] + arguments, environment: ["COLUMNS": "100", "PATH": "/usr/bin:/bin"],
            directory: FileManager.default.temporaryDirectory,
            outputPrefix: FileManager.default.temporaryDirectory.appendingPathComponent("notes-usage-\(UUID().uuidString)"))
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: "), "\(result.stderr)")
        #expect(result.stderr.contains("See 'notes"), "\(result.stderr)")
    }
}
