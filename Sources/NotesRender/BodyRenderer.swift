import NotesDiagnostics
import NotesMarkdown

/// Renders a note's Markdown body to HTML: headings with ids and anchors, highlighted code,
/// numbered listings and numbered figures.
///
/// Listings and figures come resolved (files read, numbers and ids given) as ``NoteElements``, so
/// that this stage never touches the file system and never counts anything itself.
package struct BodyRenderer {
    /// The note's listings and figures, found by the block they stand for.
    package var elements: NoteElements
    /// Shared by every note of a build: its keyword tables are built once. Nil renders code escaped only.
    package var highlighter: SyntaxHighlighter?
    /// How run panels are drawn: with or without the replay controls, clipping long output or not.
    package var runPanel: RunPanelRenderer

    package init(elements: NoteElements = NoteElements(), highlighter: SyntaxHighlighter?, runPanel: RunPanelRenderer = RunPanelRenderer())
    {
        self.elements = elements
        self.highlighter = highlighter
        self.runPanel = runPanel
    }

    /// Renders `document` to HTML.
    package func render(_ document: MarkdownDocument) -> RenderedBody {
        var state = State(renderer: self)
        state.output.reserveCapacity(16 * 1024)
        state.blocks(document.blocks, tight: false)
        return RenderedBody(
            html: state.output, headings: state.headings, wordCount: state.words,
            figureCount: state.figureCount, listingCount: state.listingCount)
    }

    /// Inline Markdown (a title, a dek, a caption) as HTML, without a wrapping element.
    package static func inlineHTML(_ inlines: [Inline]) -> String {
        var state = State(renderer: BodyRenderer(highlighter: nil))
        state.inlines(inlines)
        return state.output
    }
}

// MARK: - Rendering state

private struct State {
    let renderer: BodyRenderer
    var output = ""
    var headingIDs = HeadingIDs()
    var headings: [RenderedBody.Heading] = []
    var words = 0
    var figureCount = 0
    var listingCount = 0
    /// Whether text currently being written counts as prose.
    var countingWords = true

    init(renderer: BodyRenderer) {
        self.renderer = renderer
    }

    mutating func blocks(_ blocks: [Block], tight: Bool) {
        for block in blocks { self.block(block, tight: tight) }
    }

    mutating func block(_ block: Block, tight: Bool) {
        switch block.kind {
        case .paragraph(let children):
            if case .figure(let figure)? = renderer.elements.element(for: block.location) {
                self.figure(figure)
            } else if tight {
                inlines(children)
                output += "\n"
            } else {
                output += "<p>"
                inlines(children)
                output += "</p>\n"
            }
        case .heading(let level, let children):
            heading(level: level, children)
        case .codeBlock(let code):
            codeBlock(code, at: block.location)
        case .blockQuote(let children):
            output += "<blockquote>\n"
            blocks(children, tight: false)
            output += "</blockquote>\n"
        case .list(let list):
            self.list(list)
        case .thematicBreak:
            output += "<hr>\n"
        case .html(let html):
            output += html
        }
    }

    mutating func heading(level: Int, _ children: [Inline]) {
        let text = children.plainText
        let id = headingIDs.id(for: text)
        headings.append(.init(level: level, id: id, text: text))
        output += "<h\(level) id=\"\(id)\">"
        inlines(children)
        output += "<a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a></h\(level)>\n"
    }

    mutating func list(_ list: ListBlock) {
        let tag = list.isOrdered ? "ol" : "ul"
        output += list.isOrdered && list.start != 1 ? "<ol start=\"\(list.start)\">\n" : "<\(tag)>\n"
        for item in list.items {
            output += "<li>"
            if !list.isTight || item.first.map({ if case .paragraph = $0.kind { false } else { true } }) == true {
                output += "\n"
            }
            blocks(item, tight: list.isTight)
            if list.isTight, output.hasSuffix("\n") { output.removeLast() }
            output += "</li>\n"
        }
        output += "</\(tag)>\n"
    }

    // MARK: Code, listings and figures

    mutating func codeBlock(_ code: CodeBlock, at location: SourceLocation) {
        switch renderer.elements.element(for: location) {
        case .listing(let listing)?: self.listing(listing)
        case .figure(let figure)?: self.figure(figure)
        case nil: pre(code.literal, language: code.info.language)
        }
    }

    mutating func pre(_ code: String, language: String) {
        // Focusable: a listing scrolls sideways on a narrow screen, and a keyboard must reach it.
        output += "<pre class=\"code\" tabindex=\"0\""
        if !language.isEmpty {
            output += " data-lang=\""
            HTMLEscaping.append(language, to: &output)
            output += "\""
        }
        output += "><code>"
        if let highlighter = renderer.highlighter {
            output += highlighter.highlight(code, language: language)
        } else {
            HTMLEscaping.append(code, to: &output)
        }
        output += "</code></pre>\n"
    }

    mutating func listing(_ listing: Listing) {
        listingCount += 1
        output += "<figure class=\"listing\" id=\"listing-\(listing.number)\">\n"
        if !listing.fileName.isEmpty {
            output += "<div class=\"listing-header\"><a class=\"listing-file\" href=\""
            HTMLEscaping.append(listing.fileName, to: &output)
            output += "\" title=\"Download this file\">"
            HTMLEscaping.append(listing.fileName, to: &output)
            output += "</a> · <span class=\"listing-ext\">"
            HTMLEscaping.append(listing.displayExtension, to: &output)
            output += "</span></div>\n"
        }
        pre(listing.code, language: listing.language)
        output += "<figcaption><span class=\"label\">Listing \(Self.twoDigits(listing.number))</span>"
        if !listing.caption.isEmpty {
            output += " - "
            withoutCountingWords { $0.inlines(listing.caption) }
        }
        output += "</figcaption>\n</figure>\n"
        if let notice = listing.previewNotice { previewNotice(notice, listing: listing.id) }
        if let run = listing.run {
            output += renderer.runPanel.render(run, id: listing.id)
        }
    }

    /// The preview's note on a listing's stored run, styled inline: it never reaches the published
    /// site, so the site's style sheet knows nothing of it. `data-listing` lets the preview's script
    /// show a run's output here while it runs.
    mutating func previewNotice(_ notice: Diagnostic, listing id: String) {
        output += "<aside class=\"notes-preview-run\" data-listing=\"\(id)\" role=\"note\" style=\"margin:0.5rem 0 1rem;"
        output += "padding:0.6rem 0.9rem;border:1px dashed #b26b00;border-radius:6px;background:#fff8e6;color:#3d2a00;font-size:0.9rem\">"
        output += "<strong>Preview:</strong> "
        Self.appendCodeSpans(notice.message, to: &output)
        if let help = notice.help {
            output += ". To fix it: "
            Self.appendCodeSpans(help, to: &output)
        }
        output += ".</aside>\n"
    }

    /// `text` escaped, with `backticked` parts as `<code>`.
    static func appendCodeSpans(_ text: String, to output: inout String) {
        for (index, part) in text.split(separator: "`", omittingEmptySubsequences: false).enumerated() {
            if index % 2 == 1 { output += "<code>" }
            HTMLEscaping.append(String(part), to: &output)
            if index % 2 == 1 { output += "</code>" }
        }
    }

    mutating func figure(_ figure: Figure) {
        figureCount += 1
        output += "<figure class=\"figure\" id=\"\(figure.id)\">\n"
        switch figure.drawing {
        case .diagram(let diagram):
            output += "<div class=\"diagram-frame\" tabindex=\"0\">"
            output += diagram.svg(title: figure.caption.plainText, idPrefix: figure.id)
            output += "</div>\n"
        case .fromRun:
            output += "<p class=\"figure-missing\">This figure is drawn from a run that has not been recorded yet.</p>\n"
        case .image(let source, let alt):
            output += "<img src=\""
            HTMLEscaping.append(source, to: &output)
            output += "\" alt=\""
            HTMLEscaping.append(alt.plainText, to: &output)
            output += "\" loading=\"lazy\">\n"
        case .text(let text):
            output += "<pre class=\"figure-text\">"
            HTMLEscaping.append(text, to: &output)
            output += "</pre>\n"
        }
        figureCaption(figure)
        output += "</figure>\n"
    }

    mutating func figureCaption(_ figure: Figure) {
        output += "<figcaption><span class=\"label\">Figure \(Self.twoDigits(figure.number))</span>"
        if !figure.caption.isEmpty {
            output += " - "
            withoutCountingWords { $0.inlines(figure.caption) }
        }
        output += "</figcaption>\n"
    }

    mutating func withoutCountingWords(_ body: (inout State) -> Void) {
        let saved = countingWords
        countingWords = false
        body(&self)
        countingWords = saved
    }

    static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    // MARK: Inlines

    mutating func inlines(_ inlines: [Inline]) {
        for inline in inlines { self.inline(inline) }
    }

    mutating func inline(_ inline: Inline) {
        switch inline {
        case .text(let text):
            if countingWords { words += Self.wordCount(text) }
            HTMLEscaping.append(text, to: &output)
        case .softBreak: output += "\n"
        case .lineBreak: output += "<br>\n"
        case .code(let code):
            if countingWords { words += Self.wordCount(code) }
            output += "<code>"
            HTMLEscaping.append(code, to: &output)
            output += "</code>"
        case .html(let html): output += html
        case .emphasis(let children):
            output += "<em>"
            inlines(children)
            output += "</em>"
        case .strong(let children):
            output += "<strong>"
            inlines(children)
            output += "</strong>"
        case .link(let destination, let title, let children):
            output += "<a href=\""
            HTMLEscaping.append(destination, to: &output)
            if !title.isEmpty {
                output += "\" title=\""
                HTMLEscaping.append(title, to: &output)
            }
            output += "\">"
            inlines(children)
            output += "</a>"
        case .image(let source, let title, let alt):
            output += "<img src=\""
            HTMLEscaping.append(source, to: &output)
            output += "\" alt=\""
            HTMLEscaping.append(alt.plainText, to: &output)
            if !title.isEmpty {
                output += "\" title=\""
                HTMLEscaping.append(title, to: &output)
            }
            output += "\">"
        }
    }

    /// Counts runs of non-space bytes.
    static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for byte in text.utf8 {
            let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if !isSpace, !inWord { count += 1 }
            inWord = !isSpace
        }
        return count
    }
}

extension BodyRenderer {
    /// The image of a paragraph that holds nothing else, with its title and alt text.
    package static func loneImage(_ inlines: [Inline]) -> (String, String, [Inline])? {
        let meaningful = inlines.filter {
            if case .text(let text) = $0 { return !text.allSatisfy(\.isWhitespace) }
            if case .softBreak = $0 { return false }
            return true
        }
        guard meaningful.count == 1, case .image(let source, let title, let alt) = meaningful[0] else { return nil }
        return (source, title, alt)
    }

    /// A caption attribute's text as inline Markdown.
    package static func captionInlines(_ text: String?) -> [Inline] {
        guard let text, !text.isEmpty else { return [] }
        return MarkdownParser().parseInline(text)
    }
}
