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

    /// Aliases that would put two pages at one address: an alias that is a note's folder name (its
    /// own or another's; drafts count, as they are published one day), or one given twice. Each is
    /// reported where the alias is written.
    static func aliasConflicts(_ notes: [(slug: String, displayPath: String, aliases: [NoteAlias])]) -> [Diagnostic] {
        let notesByFolder = Dictionary(notes.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        var firstPlace: [String: SourceLocation] = [:]
        var problems: [Diagnostic] = []
        for note in notes.sorted(by: { $0.slug < $1.slug }) {
            for alias in note.aliases {
                if alias.folder == note.slug {
                    problems.append(
                        Diagnostic(
                            at: alias.location, "the alias `\(alias.folder)` is this note's own address",
                            help: "remove it from `aliases`: an alias is an address the note had before"))
                } else if let owner = notesByFolder[alias.folder] {
                    problems.append(
                        Diagnostic(
                            at: alias.location, "the alias `\(alias.folder)` is the address of \(owner.displayPath)",
                            help: "remove it from `aliases`, or rename that note's folder: one address cannot lead to two pages"))
                } else if let first = firstPlace[alias.folder] {
                    problems.append(
                        Diagnostic(
                            at: alias.location, "the alias `\(alias.folder)` is also given at \(first)",
                            help: "keep it in one note's `aliases`: one address cannot lead to two pages"))
                } else {
                    firstPlace[alias.folder] = alias.location
                }
            }
        }
        return problems
    }
}
