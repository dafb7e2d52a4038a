import Foundation
import NotesDiagnostics
import NotesSite
import NotesTestSupport

extension TestProject {
    var layout: ProjectLayout { ProjectLayout(root: root, displayBase: root) }

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
}
