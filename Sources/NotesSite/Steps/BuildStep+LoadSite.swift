import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRecords
import NotesRender

extension BuildStep {
    /// Reads `content/site.yml` and the templates, reporting every template problem at once.
    package static let loadSite = BuildStep("load site") { context in
        context.site = try SiteConfig.load(context.layout)
        let templates = try TemplateSet(
            directory: context.layout.templates, displayPath: context.layout.display(context.layout.templates), root: context.layout.root)
        context.templates = templates
        context.siteKey = SHA256.hex(of: FileManager.default.contents(atPath: context.layout.siteConfig.path) ?? Data())
        context.bodyKey = noteBodyKey(layout: context.layout, templates: templates)
        context.summaryKey = SHA256.hex(of: Array((context.siteKey + " " + (templates.fingerprints["partials/note-summary"] ?? "-")).utf8))
        context.pageKey = notePageKey(layout: context.layout, templates: templates, bodyKey: context.bodyKey)
    }

    /// The fingerprint of what a note's body depends on outside the note's folder: the run player's
    /// template, and the Python requirements (a run's freshness, shown in the preview and warned
    /// about, depends on them).
    static func noteBodyKey(layout: ProjectLayout, templates: TemplateSet) -> String {
        let requirements = FileManager.default.contents(atPath: layout.content.appendingPathComponent("requirements.txt").path)
        return SHA256.hex(
            of: Array(SHA256.hex(of: requirements ?? Data()).utf8) + [0]
                + Array((templates.fingerprints["partials/run-player"] ?? "-").utf8))
    }

    /// The fingerprint of what a note's page and list entries depend on outside the note's folder:
    /// its body's (`bodyKey`), the site settings, and the templates of the page and the list entry.
    static func notePageKey(layout: ProjectLayout, templates: TemplateSet, bodyKey: String) -> String {
        var bytes = Array(bodyKey.utf8) + [0]
        bytes += Array(SHA256.hex(of: FileManager.default.contents(atPath: layout.siteConfig.path) ?? Data()).utf8) + [0]
        for name in ["note", "partials/note-summary"] { bytes += Array((templates.fingerprints[name] ?? "-").utf8) + [0] }
        return SHA256.hex(of: bytes)
    }
}

extension SiteConfig {
    /// Reads the project's `content/site.yml`.
    static func load(_ layout: ProjectLayout) throws(DiagnosticList) -> SiteConfig {
        let configPath = layout.display(layout.siteConfig)
        if FileManager.default.fileExists(atPath: layout.siteConfig.path), !ConfinedPath.isInside(layout.siteConfig, root: layout.root) {
            throw DiagnosticList([
                Diagnostic(
                    at: SourceLocation(path: configPath), "the site settings lead outside the project (a symbolic link?)",
                    help: "keep \(configPath) inside the project")
            ])
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: layout.siteConfig.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DiagnosticList([
                Diagnostic(
                    at: SourceLocation(path: configPath), "\(configPath) is a folder, not a file",
                    help: "make it a YAML file with `title`, `base_url` and `author`")
            ])
        }
        guard let data = FileManager.default.contents(atPath: layout.siteConfig.path) else {
            throw DiagnosticList([
                Diagnostic(
                    at: SourceLocation(path: configPath), "missing site settings",
                    help: "create \(configPath) with `title`, `base_url` and `author`")
            ])
        }
        let text: String
        switch UTF8Text.decode(data, path: configPath) {
        case .success(let decoded): text = decoded
        case .failure(let problem): throw DiagnosticList([problem])
        }
        do {
            return try SiteConfig(yaml: text, path: configPath)
        } catch {
            throw DiagnosticList(error.diagnostics)
        }
    }
}
