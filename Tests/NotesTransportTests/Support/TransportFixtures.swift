import Foundation
import NotesRunner
import NotesTestSupport
import NotesTransport
import Testing

/// Shared pieces for the transport's tests: folders, keys, the SDK's interpreter, the `notes` binary.
enum TransportFixtures {
    /// A fresh folder for one test, under one root per test process so the key audit can walk it all.
    static func folder(_ name: String) throws -> URL {
        let url = root.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let root = FileManager.default.temporaryDirectory.appendingPathComponent("notes-transport-tests-\(getpid())")

    /// A made-up engine key, fresh for every test (not shaped like a real one, so secret scanners
    /// do not flag the test sources).
    static func key() -> String {
        "fake-engine-key-" + (0..<24).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    /// A file under Fixtures/.
    static func fixture(_ name: String) -> URL {
        repositoryRoot().appendingPathComponent("Tests/NotesTransportTests/Fixtures").appendingPathComponent(name)
    }

    /// The venv interpreter with `anthropic==2.10.0`, made by the product's own PythonEnvironment.
    static func sdkPython() async throws -> URL {
        try await PythonEnvironment(projectRoot: repositoryRoot()).prepare { print("python environment: \($0)") }
    }

    /// The `notes` executable built beside this test bundle (`swift build --build-tests` makes both).
    static func notesBinary() throws -> URL {
        try NotesTestSupport.notesBinary()
    }

    /// The environment a test gives `notes exec`: this process's, without any real credential.
    static func environment(key: String?) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL"] { environment[name] = nil }
        environment["ANTHROPIC_API_KEY"] = key
        environment["PYTHONUNBUFFERED"] = "1"
        environment["NO_COLOR"] = "1"
        return environment
    }

    /// Fails the test if `secret` occurs in any file under `folder` (other than `except`).
    static func expectAbsent(
        _ secret: String, under folder: URL, except: Set<String> = [], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let needle = Array(secret.utf8)
        var checked = 0
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            Issue.record("cannot list \(folder.path)", sourceLocation: sourceLocation)
            return
        }
        for case let url as URL in files {
            guard !except.contains(url.lastPathComponent), let data = FileManager.default.contents(atPath: url.path) else { continue }
            checked += 1
            if Array(data).firstRange(of: needle) != nil {
                Issue.record("the key appears in \(url.path)", sourceLocation: sourceLocation)
            }
        }
        #expect(checked > 0, "the audit found no files to check under \(folder.path)", sourceLocation: sourceLocation)
    }
}
