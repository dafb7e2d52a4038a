import Foundation
import NotesRunner
import NotesTestSupport
import Testing

/// The start-up hook with a real Python, outside a run.
@Suite struct PythonHookTests {
    @Test func aSitecustomizeTheHookHidesStillRunsAfterIt() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("notes-hook-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let hook = try PythonHook.install(in: root.appendingPathComponent("hook", isDirectory: true))
        let other = root.appendingPathComponent("other", isDirectory: true)
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        // The hidden one sees the pinned clock: it runs after the hook, as if the hook were not there.
        try Data(
            """
            import datetime
            print("other sitecustomize ran on", datetime.date.today())

            """.utf8
        ).write(to: other.appendingPathComponent("sitecustomize.py"))
        let result = try await runTestProcess(
            ["/usr/bin/env", "python3", "-c", "print('listing ran')"],
            environment: [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "PYTHONPATH": "\(hook.path):\(other.path)",
                "NOTES_CLOCK_AT": "1779356460", "PYTHONDONTWRITEBYTECODE": "1",
            ],
            directory: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "other sitecustomize ran on 2026-05-21\nlisting ran\n")
    }

    @Test func withNothingHiddenOnlyTheHookRuns() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("notes-hook-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let hook = try PythonHook.install(in: root.appendingPathComponent("hook", isDirectory: true))
        let result = try await runTestProcess(
            ["/usr/bin/env", "python3", "-c", "import datetime, sitecustomize; print(datetime.date.today(), sitecustomize.__file__)"],
            environment: [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "PYTHONPATH": hook.path,
                "NOTES_CLOCK_AT": "1779356460", "PYTHONDONTWRITEBYTECODE": "1",
            ],
            directory: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "2026-05-21 \(hook.appendingPathComponent("sitecustomize.py").path)\n")
    }
}
