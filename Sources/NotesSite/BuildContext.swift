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
    /// What the previous build left; what still holds is reused instead of made again.
    package let previous: BuildState
    /// The fingerprint of everything a note's page depends on outside its folder (set by `load site`).
    package var pageKey = ""
    /// The files changed since the previous build, when a watcher knows them (`notes serve`): the
    /// other notes' folders are then not stamped again. Nil stamps every folder.
    package var changedPaths: Set<String>?
    /// With a set (`notes serve`), a template edit fills again only these notes' pages (those open
    /// in a browser) and keeps the others as they were, for a follow-up build; see ``deferred``.
    package var fillOnly: Set<String>?
    /// Notes whose pages still show the previous templates (``fillOnly``): the state remembers them,
    /// and the next build fills them.
    package var deferred = 0
    /// The fingerprint of the site settings (set by `load site`).
    package var siteKey = ""
    /// The fingerprint of what a note's list entries depend on outside its folder (set by `load site`).
    package var summaryKey = ""
    /// The pages made from all notes (home, tags, feed, sitemap, 404), each with the fingerprint of
    /// what it was made from (set by `render indexes`).
    package var listVersions: [String: UInt64] = [:]
    /// The fingerprint of what a note's body depends on outside its folder (set by `load site`).
    package var bodyKey = ""
    /// The notes read this build (new or changed ones, or all of them on a clean build), newest
    /// first (set by `load notes`).
    package var notes: [LoadedNote] = []
    /// Notes unchanged since the previous build, whose outputs are reused (set by `load notes`).
    package var unchanged: [NoteRecord] = []
    /// The notes the feed carries in full, by slug (set by `load notes`).
    package var feedSlugs: Set<String> = []
    /// Every published note, newest first (set by `render notes`).
    package var records: [NoteRecord] = []
    /// How many notes were rendered (read or refilled) rather than reused.
    package var rendered = 0
    /// Findings that do not stop the build.
    package var warnings: [Diagnostic] = []
    /// How many files the steps wrote.
    package var filesWritten = 0

    package init(layout: ProjectLayout, options: BuildOptions, output: StagedOutput, previous: BuildState = BuildState()) {
        self.layout = layout
        self.options = options
        self.output = output
        self.previous = previous
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
