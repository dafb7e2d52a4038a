import Foundation
import NotesDiagnostics
import NotesRecords

extension BuildStep {
    /// Copies `templates/assets/` to `assets/` in the site (style sheets, scripts, fonts, icons).
    ///
    /// Hidden files are left out. A symbolic link is followed only when it stays inside the project:
    /// one leading elsewhere (`/etc/passwd`) is an error, never published.
    package static let copyAssets = BuildStep("copy assets") { context in
        let layout = context.layout
        let source = layout.templates.appendingPathComponent("assets", isDirectory: true)
        guard FileManager.default.fileExists(atPath: source.path) else { return }
        var problems: [Diagnostic] = []
        var files: [String] = []
        if ConfinedPath.isInside(source, root: layout.root) {
            FileContents.walk(source.path) { path, isFolder in
                guard !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { return false }
                if !isFolder { files.append(path) }
                return isFolder
            }
        } else {
            files = [""]
        }
        for file in files {
            let url = file.isEmpty ? source : source.appendingPathComponent(file)
            guard ConfinedPath.isInside(url, root: layout.root) else {
                problems.append(
                    Diagnostic(
                        at: SourceLocation(path: layout.display(url)), "the asset leads outside the project (a symbolic link?)",
                        help:
                            "copy the file into \(layout.display(source))/ instead of linking to it; notes publishes nothing from elsewhere"
                    ))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            try context.output.copy(url, to: "assets/" + file)
            context.filesWritten += 1
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
    }
}
