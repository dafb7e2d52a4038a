import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRender

extension BuildStep {
    /// Renders each note's page in parallel and writes it with the files it refers to.
    ///
    /// Only the notes the feed carries keep their body HTML afterwards, which bounds memory on
    /// large sites.
    package static let renderNotes = BuildStep("render notes") { context in
        let (site, templates) = try context.requireSite()
        let pages = PageRenderer(site: site, templates: templates)
        let output = context.output
        let feedCount = site.feedLimit == 0 ? context.notes.count : site.feedLimit
        let highlighter = SyntaxHighlighter()
        let indexed = Array(context.notes.enumerated())
        let results = await indexed.concurrentMap(limit: context.options.concurrency) { position, note in
            Result { () throws(BuildError) -> (NotePage, Int) in
                var page = render(note, site: site, highlighter: highlighter)
                try output.write(pages.note(page), to: page.path)
                for file in note.files {
                    try output.copy(note.folder.appendingPathComponent(file), to: page.folder + file)
                }
                if position >= feedCount { page.body.html = "" }
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
    static func render(_ note: LoadedNote, site: SiteConfig, highlighter: SyntaxHighlighter) -> NotePage {
        let parser = MarkdownParser()
        let body = BodyRenderer(elements: note.elements, highlighter: highlighter).render(note.parsed.document)
        return NotePage(
            slug: note.slug,
            frontMatter: note.frontMatter,
            titleHTML: BodyRenderer.inlineHTML(parser.parseInline(note.frontMatter.title)),
            dekHTML: BodyRenderer.inlineHTML(parser.parseInline(note.frontMatter.dek)),
            body: body,
            author: note.frontMatter.author ?? site.author)
    }
}
