import Foundation

/// A throwaway copy of the repository's project (site settings, chosen notes, templates) in a
/// temporary folder, to build, run, break and build again without touching the real one.
public struct TestProject: Sendable {
    public let root: URL
    public var site: URL { root.appendingPathComponent("site", isDirectory: true) }

    /// Copies `content/site.yml`, `content/requirements.txt`, the given notes and `templates/` from the repository.
    public init(notes: [String] = ["03-do-it-all-at-once"]) throws {
        let repository = repositoryRoot()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("notes-test-\(UUID().uuidString)", isDirectory: true)
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        try fileManager.copyItem(at: repository.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        for file in ["content/site.yml", "content/requirements.txt"] {
            try fileManager.copyItem(at: repository.appendingPathComponent(file), to: root.appendingPathComponent(file))
        }
        for note in notes {
            try fileManager.copyItem(
                at: repository.appendingPathComponent("content/\(note)"), to: root.appendingPathComponent("content/\(note)"))
        }
    }

    /// Writes `text` to `path` under the project root, creating folders.
    public func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    public func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// Shares the repository's Python environment (`.notes/venv`, which must exist), so a test
    /// project does not build its own.
    public func linkPythonEnvironment() throws {
        let notes = root.appendingPathComponent(".notes", isDirectory: true)
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: notes.appendingPathComponent("venv"), withDestinationURL: repositoryRoot().appendingPathComponent(".notes/venv"))
    }

    /// Every file under `site/` with its bytes, for comparing whole builds.
    public func siteFiles() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: site.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = site.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    public func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
