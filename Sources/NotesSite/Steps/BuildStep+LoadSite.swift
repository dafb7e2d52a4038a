import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRender

extension BuildStep {
    /// Reads `content/site.yml` and the templates, reporting every template problem at once.
    package static let loadSite = BuildStep("load site") { context in
        context.site = try SiteConfig.load(context.layout)
        context.templates = try TemplateSet(
            directory: context.layout.templates, displayPath: context.layout.display(context.layout.templates))
    }
}

extension SiteConfig {
    /// Reads the project's `content/site.yml`.
    static func load(_ layout: ProjectLayout) throws(DiagnosticList) -> SiteConfig {
        let configPath = layout.display(layout.siteConfig)
        guard let data = FileManager.default.contents(atPath: layout.siteConfig.path) else {
            throw DiagnosticList([
                Diagnostic(
                    at: SourceLocation(path: configPath), "missing site settings",
                    help: "create \(configPath) with `title`, `base_url` and `author`")
            ])
        }
        do {
            return try SiteConfig(yaml: String(decoding: data, as: UTF8.self), path: configPath)
        } catch {
            throw DiagnosticList(error.diagnostics)
        }
    }
}
