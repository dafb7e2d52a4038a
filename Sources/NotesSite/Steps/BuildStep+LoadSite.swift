import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRecords
import NotesRender

extension BuildStep {
    /// Reads `content/site.yml` and the templates, reporting every template problem at once.
    package static let loadSite = BuildStep("load site") { context in
        let (site, siteBytes) = try SiteConfig.read(context.layout)
        context.site = site
        let templates = try TemplateSet(
            directory: context.layout.templates, displayPath: context.layout.display(context.layout.templates), root: context.layout.root)
        context.templates = templates
        // What pages depend on outside a note's folder, in three fingerprints; see `NoteRecord`.
        let layout = context.layout
        let fingerprint = { (name: String) in templates.fingerprints[name] ?? "-" }
        let requirements = FileManager.default.contents(atPath: layout.content.appendingPathComponent("requirements.txt").path)
        context.siteKey = SHA256.hex(of: siteBytes)
        // A body shows the run player, and a run's freshness (in the preview) depends on the requirements.
        context.bodyKey = key([SHA256.hex(of: requirements ?? Data()), fingerprint("partials/run-player")])
        context.summaryKey = key([context.siteKey, fingerprint("partials/note-summary")])
        context.pageKey = key([context.bodyKey, context.siteKey, fingerprint("note"), fingerprint("partials/note-summary")])
    }

    /// One fingerprint for several.
    private static func key(_ parts: [String]) -> String {
        SHA256.hex(of: Array(parts.joined(separator: "\u{0}").utf8))
    }
}

extension SiteConfig {
    /// Reads the project's `content/site.yml`.
    static func load(_ layout: ProjectLayout) throws(DiagnosticList) -> SiteConfig {
        try read(layout).config
    }

    /// Reads the project's `content/site.yml`, with its bytes (what pages depend on: see the
    /// `load site` step), so that they are read once.
    static func read(_ layout: ProjectLayout) throws(DiagnosticList) -> (config: SiteConfig, bytes: Data) {
        let configPath = layout.display(layout.siteConfig)
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: layout.siteConfig.path, isDirectory: &isDirectory)
        if exists, !ConfinedPath.isInside(layout.siteConfig, root: layout.root) {
            throw DiagnosticList([
                Diagnostic(
                    at: SourceLocation(path: configPath), "the site settings lead outside the project (a symbolic link?)",
                    help: "keep \(configPath) inside the project")
            ])
        }
        if exists, isDirectory.boolValue {
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
            return (try SiteConfig(yaml: text, path: configPath), data)
        } catch {
            throw DiagnosticList(error.diagnostics)
        }
    }
}
