import NotesDiagnostics
import NotesMarkdown
import NotesRender

extension BuildStep {
    /// Writes a redirect page at each old address a published note lists under `aliases:`
    /// (`notes/<old-folder>/index.html`, see ``RedirectPage``). Redirects are not pages of the site:
    /// the sitemap and the feed leave them out.
    package static let renderRedirects = BuildStep("render redirects") { context in
        let (site, _) = try context.requireSite()
        let redirects = RedirectPage(site: site)
        for page in context.records.map(\.page) {
            for alias in page.frontMatter.aliases {
                try context.output.write(redirects.html(for: alias, to: page), to: RedirectPage.path(of: alias))
                context.filesWritten += 1
            }
        }
    }
}
