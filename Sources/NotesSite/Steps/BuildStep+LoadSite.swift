import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRender

extension BuildStep {
    /// Reads `content/site.yml` and the templates, reporting every template problem at once.
    public static let loadSite = BuildStep("load site") { context in
        let layout = context.layout
        let configPath = layout.display(layout.siteConfig)
        guard let data = FileManager.default.contents(atPath: layout.siteConfig.path) else {
            throw BuildError(
                at: SourceLocation(path: configPath), "missing site settings",
                help: "create \(configPath) with `title`, `base_url` and `author`")
        }
        do {
            context.site = try SiteConfig(yaml: String(decoding: data, as: UTF8.self), path: configPath)
        } catch {
            throw DiagnosticList(error.asDiagnostics)
        }
        context.templates = try TemplateSet(directory: layout.templates, displayPath: layout.display(layout.templates))
    }
}
