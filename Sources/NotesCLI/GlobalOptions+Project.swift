import ArgumentParser
import Foundation
import NotesDiagnostics
import NotesSite

extension GlobalOptions {
    /// The project `command` works on, once it is known to be one: a folder holding
    /// `content/site.yml`. Otherwise prints what to do and exits 1: run the command from the
    /// enclosing project when there is one (say, from inside a note's folder), or pass `-C`.
    ///
    /// A folder that has `content/` but no `site.yml` is a project missing its settings; it is let
    /// through, and the build reports the missing file where it belongs.
    func project(for command: String) throws -> ProjectLayout {
        let layout = ProjectLayout(root: projectRoot)
        if let problem = Self.notAProject(layout, command: command) {
            DiagnosticPrinter().print(problem)
            throw ExitCode(1)
        }
        return layout
    }

    /// Why `layout` is not a notes project, with what to do, or nil when it is one.
    static func notAProject(_ layout: ProjectLayout, command: String) -> Diagnostic? {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: layout.siteConfig.path) { return nil }
        let here = shellPath(layout.root, base: layout.displayBase)
        let missing = here == "." ? "no content/site.yml here" : "no content/site.yml in \(here)"
        if let enclosing = enclosingProject(of: layout.root) {
            let folder = shellPath(enclosing, base: layout.displayBase)
            if folder == "." {
                return Diagnostic(
                    at: nil, "\(missing); it is a folder inside the notes project here", help: "run `notes \(command)` here without -C")
            }
            return Diagnostic(
                at: nil, "\(missing); this folder is inside the notes project in \(folder)",
                help: "run `notes \(command)` from \(folder), or pass -C \(folder)")
        }
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: layout.content.path, isDirectory: &isFolder), isFolder.boolValue { return nil }
        return Diagnostic(
            at: nil, "\(missing); this is not a notes project",
            help: "run `notes \(command)` in the folder holding content/, or pass -C <dir>")
    }

    /// The nearest folder above `folder` that holds `content/site.yml`.
    static func enclosingProject(of folder: URL) -> URL? {
        var candidate = folder.standardizedFileURL
        while candidate.pathComponents.count > 1 {
            candidate = candidate.deletingLastPathComponent().standardizedFileURL
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("content/site.yml").path) { return candidate }
        }
        return nil
    }
}
