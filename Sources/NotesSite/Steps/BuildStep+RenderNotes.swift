import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRender

extension BuildStep {
    /// Renders each note's page in parallel and writes it with the files it refers to.
    ///
    /// Only the notes the feed carries keep their body HTML afterwards, which bounds memory on
    /// large sites; theirs is rendered for feed readers: no run player, which they cannot run, and no
    /// clipped output, which needs the site's style sheet.
    package static let renderNotes = BuildStep("render notes") { context in
        let (site, templates) = try context.requireSite()
        let pages = PageRenderer(site: site, templates: templates)
        let output = context.output
        let feedCount = site.feedLimit == 0 ? context.notes.count : site.feedLimit
        let highlighter = SyntaxHighlighter()
        let indexed = Array(context.notes.enumerated())
        let results = await indexed.concurrentMap(limit: context.options.concurrency) { position, note in
            Result { () throws(BuildError) -> (NotePage, Int) in
                var page = render(note, site: site, highlighter: highlighter, runPanel: RunPanelRenderer(player: templates.runPlayer))
                try output.write(pages.note(page), to: page.path)
                for file in note.files {
                    try output.copy(note.folder.appendingPathComponent(file), to: page.folder + file)
                }
                if position >= feedCount {
                    page.body.html = ""
                } else if note.elements.listings.contains(where: { $0.run != nil }) {
                    let plain = RunPanelRenderer(player: nil, collapsesLongOutput: false)
                    page.body.html = render(note, site: site, highlighter: highlighter, runPanel: plain).body.html
                }
                return (page, 1 + note.files.count)
            }
        }
        context.pages = []
        for result in results {
            let (page, files) = try result.get()
            context.pages.append(page)
            context.filesWritten += files
        }
    }

    /// A note's body and header, rendered.
    static func render(
        _ note: LoadedNote, site: SiteConfig, highlighter: SyntaxHighlighter, runPanel: RunPanelRenderer
    ) -> NotePage {
        let parser = MarkdownParser()
        let body = BodyRenderer(elements: note.elements, highlighter: highlighter, runPanel: runPanel).render(note.parsed.document)
        return NotePage(
            slug: note.slug,
            frontMatter: note.frontMatter,
            titleHTML: BodyRenderer.inlineHTML(parser.parseInline(note.frontMatter.title)),
            dekHTML: BodyRenderer.inlineHTML(parser.parseInline(note.frontMatter.dek)),
            body: body,
            author: note.frontMatter.author ?? site.author)
    }
}
