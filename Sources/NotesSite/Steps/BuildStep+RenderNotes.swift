import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRender

extension BuildStep {
    /// Renders each note read this build in parallel and writes it with the files it refers to;
    /// reuses the outputs of unchanged notes (kept in the spare folder, or copied from the published
    /// site), and fills again the pages of notes whose templates changed when their body is kept.
    ///
    /// A record keeps, besides what lists show, the body the feed carries for notes in the feed:
    /// rendered for feed readers, with no run player, which they cannot run, and no clipped output,
    /// which needs the site's style sheet.
    package static let renderNotes = BuildStep("render notes") { context in
        let (site, templates) = try context.requireSite()
        let renderer = NoteRenderer(
            site: site, templates: templates, output: context.output, pageKey: context.pageKey, bodyKey: context.bodyKey,
            summaryKey: context.summaryKey,
            preview: context.options.preview, fillOnly: context.fillOnly,
            keepsBodies: context.previous.keepsBodies, feedSlugs: context.feedSlugs)
        let limit = context.options.concurrency
        let previous = context.previous
        let layout = context.layout
        let reuses = await context.unchanged.concurrentMap(limit: limit) { record in
            Result { () throws(BuildError) -> NoteRecord? in try renderer.reuse(record, previous: previous, layout: layout) }
        }
        var records: [NoteRecord] = []
        var reread: [URL] = []
        for (record, result) in zip(context.unchanged, reuses) {
            if let reused = try result.get() {
                records.append(reused)
                if reused !== record, reused.pageKey != record.pageKey || reused.homeSummary != record.homeSummary {
                    context.rendered += 1
                }
                if reused.pageKey != context.pageKey { context.deferred += 1 }
            } else {
                // Its outputs are gone or were changed by hand: read it again.
                reread.append(context.layout.content.appendingPathComponent(record.slug, isDirectory: true))
            }
        }
        if !reread.isEmpty {
            let notes = try await NoteLoader(layout: layout).load(reread, concurrency: limit)
            context.notes += try await notes.attachingRuns(layout: layout, options: context.options)
        }
        let results = await context.notes.concurrentMap(limit: limit) { note in
            Result { () throws(BuildError) -> NoteRecord in try renderer.render(note) }
        }
        for result in results { records.append(try result.get()) }
        context.rendered += context.notes.count
        context.records = records.sorted {
            NoteOrder.newestFirst(
                ($0.page.frontMatter.date, $0.page.frontMatter.number, $0.slug),
                ($1.page.frontMatter.date, $1.page.frontMatter.number, $1.slug))
        }
        context.filesWritten += records.reduce(0) { $0 + $1.outputs.count }
    }
}

/// Renders one note's page and list entries into the staged output, or reuses them.
struct NoteRenderer: Sendable {
    let site: SiteConfig
    let templates: TemplateSet
    let output: StagedOutput
    let pageKey: String
    let bodyKey: String
    let summaryKey: String
    /// Marks drafts with a badge (the preview).
    let preview: Bool
    /// The notes whose pages are filled again first; see `SiteBuilder.build(state:changedPaths:fillOnly:progress:)`.
    let fillOnly: Set<String>?
    let keepsBodies: Bool
    let feedSlugs: Set<String>
    let highlighter = SyntaxHighlighter()

    private var pages: PageRenderer { PageRenderer(site: site, templates: templates) }

    /// Reads nothing: renders `note`, writes its page and files, and returns its record.
    func render(_ note: LoadedNote) throws(BuildError) -> NoteRecord {
        var page = Self.render(note, site: site, highlighter: highlighter, runPanel: RunPanelRenderer(player: templates.runPlayer))
        if preview, note.frontMatter.isDraft { page.body.html = Self.draftBadge + page.body.html }
        try output.write(pages.note(page), to: page.path)
        var outputs = [page.path]
        for file in note.files {
            try output.copy(note.folder.appendingPathComponent(file), to: page.folder + file)
            outputs.append(page.folder + file)
        }
        let body = page.body.html
        let inFeed = feedSlugs.contains(note.slug)
        if !inFeed {
            page.body.html = ""
        } else if note.elements.listings.contains(where: { $0.run != nil }) {
            let plain = RunPanelRenderer(player: nil, collapsesLongOutput: false)
            page.body.html = Self.render(note, site: site, highlighter: highlighter, runPanel: plain).body.html
        }
        return NoteRecord(
            folderStamp: note.folderStamp, pageKey: pageKey, bodyKey: bodyKey, summaryKey: summaryKey, page: page, hasFeedBody: inFeed,
            homeSummary: pages.summary(page, root: ""), tagSummary: pages.summary(page, root: Tag.root), outputs: outputs,
            warnings: note.warnings, body: keepsBodies ? body : nil, folderListing: note.folderListing)
    }

    /// The record of an unchanged note with its outputs in place: kept in the spare when they are the
    /// files written for this version of the note, else copied from the published site, else (with
    /// the body in memory) filled again. Nil when none of these can be done: the note is read again.
    func reuse(_ record: NoteRecord, previous: BuildState, layout: ProjectLayout) throws(BuildError) -> NoteRecord? {
        /// Keeps or copies `path` when an earlier build wrote it for this version of the note.
        func place(_ path: String) -> Bool { output.reuse(path, version: record.version(of: path), previous: previous) }
        if record.pageKey == pageKey {
            return record.outputs.allSatisfy(place) ? record : nil
        }
        // Only the page's own templates changed and nobody is looking at it: keep it for now.
        if let fillOnly, !fillOnly.contains(record.slug), record.summaryKey == summaryKey, record.bodyKey == bodyKey,
            record.outputs.allSatisfy(place)
        {
            return record
        }
        // The templates changed: fill the page again from the body kept in memory.
        guard let body = record.body, record.bodyKey == bodyKey else { return nil }
        var page = record.page
        page.body.html = body
        page.author = page.frontMatter.author ?? site.author
        try output.write(pages.note(page), to: page.path, comparing: false)
        let folder = layout.content.appendingPathComponent(record.slug, isDirectory: true)
        for path in record.outputs.dropFirst() where !place(path) {
            try output.copy(folder.appendingPathComponent(String(path.dropFirst(page.folder.count))), to: path)
        }
        // List entries depend on their own template: a page template edit leaves them be.
        guard record.summaryKey != summaryKey || record.page.author != page.author else {
            return record.refilled(
                pageKey: pageKey, summaryKey: summaryKey, author: page.author, homeSummary: record.homeSummary,
                tagSummary: record.tagSummary)
        }
        page.body.html = record.page.body.html
        return record.refilled(
            pageKey: pageKey, summaryKey: summaryKey, author: page.author, homeSummary: pages.summary(page, root: ""),
            tagSummary: pages.summary(page, root: Tag.root))
    }

    /// The preview's mark on a draft's page, styled inline (the published site never has it).
    static let draftBadge =
        "<p class=\"notes-preview-draft\" role=\"note\" style=\"display:inline-block;margin:0 0 1rem;padding:0.15rem 0.6rem;"
        + "border-radius:999px;background:#5b3a00;color:#fff3d6;font:600 0.8rem/1.6 system-ui,sans-serif;letter-spacing:0.04em\">"
        + "DRAFT · not published</p>\n"

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
