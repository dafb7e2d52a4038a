import Foundation
import NotesDiagnostics
import NotesSite
import NotesTestSupport

/// A throwaway copy of the repository's project (site settings, the seed note, templates) in a
/// temporary folder, to build, break and build again without touching the real one.
struct TestProject {
    let root: URL
    var layout: ProjectLayout { ProjectLayout(root: root, displayBase: root) }
    var site: URL { layout.output }

    /// Copies `content/site.yml`, the given notes and `templates/` from the repository.
    init(notes: [String] = ["03-do-it-all-at-once"]) throws {
        let repository = repositoryRoot()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("notes-test-\(UUID().uuidString)", isDirectory: true)
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        try fileManager.copyItem(at: repository.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        try fileManager.copyItem(at: repository.appendingPathComponent("content/site.yml"), to: root.appendingPathComponent("content/site.yml"))
        for note in notes {
            try fileManager.copyItem(at: repository.appendingPathComponent("content/\(note)"), to: root.appendingPathComponent("content/\(note)"))
        }
    }

    /// Writes `text` to `path` under the project root, creating folders.
    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Builds into `site/`.
    @discardableResult
    func build(drafts: Bool = false) async throws(DiagnosticList) -> SiteBuilder.Report {
        try await SiteBuilder(layout: layout, options: BuildOptions(includeDrafts: drafts)).build()
    }

    /// The build's error messages, or "built" when it succeeded.
    func buildErrors() async -> String {
        do {
            try await build()
            return "built"
        } catch {
            return error.description
        }
    }

    /// Every file under `site/` with its bytes, for comparing whole builds.
    func siteFiles() throws -> [String: Data] {
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

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
