import Foundation
import NotesRunner
import NotesTestSupport
import Testing

@Suite struct PythonEnvironmentTests {
    /// Progress lines collected from concurrent callers.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    /// A project whose requirements are two tiny wheels made on the spot, so that building its
    /// venv needs no network and takes seconds.
    static func project() async throws -> (root: URL, environment: PythonEnvironment, wheels: [String]) {
        let root = try TransportFixtures.folder("venv")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        let script = """
            import sys, zipfile
            for name in ["tiny", "tinier"]:
                with zipfile.ZipFile(f"{sys.argv[1]}/{name}-0.1-py3-none-any.whl", "w") as z:
                    z.writestr(f"{name}.py", "VALUE = 1\\n")
                    z.writestr(f"{name}-0.1.dist-info/METADATA", f"Metadata-Version: 2.1\\nName: {name}\\nVersion: 0.1\\n")
                    z.writestr(f"{name}-0.1.dist-info/WHEEL", "Wheel-Version: 1.0\\nGenerator: notes-tests\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
                    z.writestr(f"{name}-0.1.dist-info/RECORD", "")
            """
        let made = try await runTestProcess(
            ["/usr/bin/env", "python3", "-c", script, root.path], environment: ProcessInfo.processInfo.environment, directory: root)
        #expect(made.status == 0, "\(made.stderr)")
        let wheels = ["tiny", "tinier"].map { root.appendingPathComponent("\($0)-0.1-py3-none-any.whl").path }
        try Data("\(wheels[0])\n".utf8).write(to: root.appendingPathComponent("content/requirements.txt"))
        return (root, PythonEnvironment(projectRoot: root), wheels)
    }

    @Test func theProjectsPinsGiveTheRealSDK() async throws {
        let python = try await TransportFixtures.sdkPython()
        #expect(python.path.hasSuffix(".notes/venv/bin/python"))
        let result = try await runTestProcess(
            [python.path, "-c", "import anthropic, dotenv; print(anthropic.__version__)"],
            environment: ["PATH": "/usr/bin:/bin"], directory: try TransportFixtures.folder("sdk"))
        #expect(result.stdout == "2.10.0\n")
    }

    @Test func anUnchangedFileReusesTheVenvAndAChangedOneRebuildsIt() async throws {
        let (root, environment, wheels) = try await Self.project()
        let lines = Lines()
        // Two callers at once: the lock makes one build and the other reuse it.
        async let first = environment.prepare(progress: lines.add)
        async let second = environment.prepare(progress: lines.add)
        let interpreters = try await [first, second]
        #expect(interpreters[0] == interpreters[1])
        #expect(lines.all.filter { $0.hasPrefix("[1/3]") }.count == 1)
        let markerURL = environment.location.appendingPathComponent(".notes-requirements")
        let marker = try String(contentsOf: markerURL, encoding: .utf8)
        #expect(marker.hasPrefix("sha256:") && marker.contains("\npython 3."))

        _ = try await environment.prepare(progress: lines.add)
        #expect(lines.all.filter { $0.hasPrefix("[1/3]") }.count == 1, "nothing changed, nothing rebuilt")

        try Data("\(wheels[0])\n\(wheels[1])\n".utf8).write(to: root.appendingPathComponent("content/requirements.txt"))
        _ = try await environment.prepare(progress: lines.add)
        #expect(lines.all.filter { $0.hasPrefix("[1/3]") }.count == 2)
        #expect(lines.all.last?.hasPrefix("[3/3]") == true && lines.all.last?.hasSuffix("is ready") == true)
        let check = try await runTestProcess(
            [environment.interpreter.path, "-c", "import tiny, tinier; print(tiny.VALUE + tinier.VALUE)"],
            environment: ["PATH": "/usr/bin:/bin"], directory: root)
        #expect(check.stdout == "2\n", "the renamed venv finds its packages")
        #expect(try String(contentsOf: markerURL, encoding: .utf8) != marker)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(".notes").path).sorted() == [
                "venv", "venv-install.log", "venv.lock",
            ])
    }

    @Test func aFailedInstallLeavesThePreviousVenvAndALeftoverPartialIsReplaced() async throws {
        let (root, environment, _) = try await Self.project()
        // A half-built venv from an interrupted run must not confuse the next one.
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent(".notes/venv.partial/junk"), withIntermediateDirectories: true)
        let python = try await environment.prepare()
        let marker = try Data(contentsOf: environment.location.appendingPathComponent(".notes-requirements"))
        try Data("this is not === a requirement\n".utf8).write(to: root.appendingPathComponent("content/requirements.txt"))
        await #expect { _ = try await environment.prepare() } throws: { error in
            String(describing: error).contains("cannot make the Python environment: pip install failed")
        }
        #expect(FileManager.default.isExecutableFile(atPath: python.path))
        #expect(try Data(contentsOf: environment.location.appendingPathComponent(".notes-requirements")) == marker)
    }
}
