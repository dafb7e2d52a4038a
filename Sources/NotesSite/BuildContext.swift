import NotesDiagnostics
import NotesMarkdown
import NotesRender

/// What the build steps share: the project, the choices, the notes as they move through the
/// pipeline, and the staged output. Passed `inout` from step to step; nothing global.
package struct BuildContext: Sendable {
    package let layout: ProjectLayout
    package let options: BuildOptions
    package let output: StagedOutput
    /// Set by the `load site` step.
    package var site: SiteConfig?
    /// Set by the `load site` step.
    package var templates: TemplateSet?
    /// Published notes, newest first (set by `load notes`).
    package var notes: [LoadedNote] = []
    /// The rendered notes, in the same order (set by `render notes`).
    package var pages: [NotePage] = []
    /// Findings that do not stop the build.
    package var warnings: [Diagnostic] = []
    /// How many files the steps wrote.
    package var filesWritten = 0

    package init(layout: ProjectLayout, options: BuildOptions, output: StagedOutput) {
        self.layout = layout
        self.options = options
        self.output = output
    }

    /// The site settings and templates, which every step after `load site` needs.
    func requireSite() throws(BuildError) -> (SiteConfig, TemplateSet) {
        guard let site, let templates else { throw BuildError(at: nil, "the `load site` step must run first") }
        return (site, templates)
    }
}

/// One named stage of a build, Publish-style: a value the builder runs in order and times.
package struct BuildStep: Sendable {
    package let name: String
    let body: @Sendable (inout BuildContext) async throws -> Void

    package init(_ name: String, body: @escaping @Sendable (inout BuildContext) async throws -> Void) {
        self.name = name
        self.body = body
    }
}

extension Array where Element == BuildStep {
    /// The steps of `notes build`.
    package static var standard: [BuildStep] {
        [.loadSite, .loadNotes, .loadRuns, .renderNotes, .renderRedirects, .renderIndexes, .copyAssets]
    }
}
