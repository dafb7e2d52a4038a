import CCMark
import NotesDiagnostics

/// Parses CommonMark with libcmark 0.30 (smart punctuation, source positions, raw HTML kept).
///
/// This is the only file that imports `CCMark`: it walks libcmark's tree with `cmark_iter`,
/// builds the immutable ``MarkdownDocument`` at once and frees the C tree before returning,
/// so no `cmark_node` pointer ever leaves this file.
package struct MarkdownParser: Sendable {
    package init() {}

    /// Parses `source`, the Markdown body of `path`.
    ///
    /// - Parameter firstLine: the file line on which `source` starts (after front matter),
    ///   so that locations name lines of the file rather than of the body.
    package func parse(_ source: String, path: String, firstLine: Int = 1) -> MarkdownDocument {
        let options = CMARK_OPT_SMART | CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8
        var source = source
        let root: OpaquePointer? = source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, options)
            }
        }
        guard let root else { return MarkdownDocument(blocks: []) }
        defer { cmark_node_free(root) }
        var walker = TreeWalker(lines: SourceLines(source), path: path, lineOffset: firstLine - 1)
        let blocks = walker.build(root)
        return MarkdownDocument(blocks: blocks, tooDeeplyNestedAt: walker.tooDeeplyNestedAt)
    }

    /// How deeply blocks and inlines may nest (quotes in lists in quotes, emphasis in links...).
    ///
    /// libcmark parses any depth, but every later stage walks the tree, and tens of thousands of
    /// nested quotes would exhaust a thread's stack; a note past this limit is an error at the first
    /// place that goes deeper. Real notes nest a handful of levels.
    package static let maximumDepth = 100
}

// MARK: - Walking the C tree

/// Collects children while libcmark's iterator enters and leaves containers.
private struct Frame {
    var node: OpaquePointer
    var blocks: [Block] = []
    var inlines: [Inline] = []
    var items: [[Block]] = []
}

private struct TreeWalker {
    let lines: SourceLines
    let path: String
    let lineOffset: Int
    /// The first container nested deeper than ``MarkdownParser/maximumDepth``; its content is left out.
    var tooDeeplyNestedAt: SourceLocation?

    /// Iterates ENTER/EXIT events with an explicit stack, so deep nesting cannot overflow the call stack.
    mutating func build(_ root: OpaquePointer) -> [Block] {
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        var stack: [Frame] = []
        var result: [Block] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER, isContainer(type) {
                if stack.count > MarkdownParser.maximumDepth {
                    // Too deep: note where, and skip the whole subtree (the iterator resumes after it).
                    if tooDeeplyNestedAt == nil { tooDeeplyNestedAt = location(of: node) }
                    cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
                    continue
                }
                stack.append(Frame(node: node))
                continue
            }
            if event == CMARK_EVENT_EXIT {
                let frame = stack.removeLast()
                if type == CMARK_NODE_DOCUMENT {
                    result = frame.blocks
                } else {
                    attach(finish(frame, type: type), to: &stack)
                }
                continue
            }
            attach(leaf(node, type: type), to: &stack)
        }
        return result
    }

    private enum Built {
        case block(Block)
        case inline(Inline)
        case item([Block])
        case none
    }

    private func attach(_ built: Built, to stack: inout [Frame]) {
        guard !stack.isEmpty else { return }
        switch built {
        case .block(let block): stack[stack.count - 1].blocks.append(block)
        case .inline(let inline): stack[stack.count - 1].inlines.append(inline)
        case .item(let blocks): stack[stack.count - 1].items.append(blocks)
        case .none: break
        }
    }

    private func isContainer(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM,
            CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_EMPH, CMARK_NODE_STRONG,
            CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
            true
        default:
            false
        }
    }

    private func location(of node: OpaquePointer) -> SourceLocation {
        SourceLocation(
            path: path,
            line: Int(cmark_node_get_start_line(node)) + lineOffset,
            column: Int(cmark_node_get_start_column(node))
        )
    }

    private func finish(_ frame: Frame, type: cmark_node_type) -> Built {
        let node = frame.node
        switch type {
        case CMARK_NODE_PARAGRAPH: return .block(Block(.paragraph(frame.inlines), at: location(of: node)))
        case CMARK_NODE_HEADING:
            let level = Int(cmark_node_get_heading_level(node))
            return .block(Block(.heading(level: level, frame.inlines), at: location(of: node)))
        case CMARK_NODE_BLOCK_QUOTE: return .block(Block(.blockQuote(frame.blocks), at: location(of: node)))
        case CMARK_NODE_ITEM: return .item(frame.blocks)
        case CMARK_NODE_LIST:
            let list = ListBlock(
                isOrdered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                isTight: cmark_node_get_list_tight(node) != 0,
                items: frame.items
            )
            return .block(Block(.list(list), at: location(of: node)))
        case CMARK_NODE_EMPH: return .inline(.emphasis(frame.inlines))
        case CMARK_NODE_STRONG: return .inline(.strong(frame.inlines))
        case CMARK_NODE_LINK:
            return .inline(.link(destination: text(cmark_node_get_url(node)), title: text(cmark_node_get_title(node)), frame.inlines))
        case CMARK_NODE_IMAGE:
            return .inline(.image(source: text(cmark_node_get_url(node)), title: text(cmark_node_get_title(node)), alt: frame.inlines))
        default:
            // Custom nodes are never produced by the parser; keep their content.
            return frame.blocks.isEmpty ? .none : .block(Block(.blockQuote(frame.blocks), at: location(of: node)))
        }
    }

    private func leaf(_ node: OpaquePointer, type: cmark_node_type) -> Built {
        switch type {
        case CMARK_NODE_TEXT: return .inline(.text(text(cmark_node_get_literal(node))))
        case CMARK_NODE_CODE: return .inline(.code(text(cmark_node_get_literal(node))))
        case CMARK_NODE_HTML_INLINE: return .inline(.html(text(cmark_node_get_literal(node))))
        case CMARK_NODE_SOFTBREAK: return .inline(.softBreak)
        case CMARK_NODE_LINEBREAK: return .inline(.lineBreak)
        case CMARK_NODE_THEMATIC_BREAK: return .block(Block(.thematicBreak, at: location(of: node)))
        case CMARK_NODE_HTML_BLOCK: return .block(Block(.html(text(cmark_node_get_literal(node))), at: location(of: node)))
        case CMARK_NODE_CODE_BLOCK: return .block(codeBlock(node))
        default: return .none
        }
    }

    private func codeBlock(_ node: OpaquePointer) -> Block {
        let at = location(of: node)
        let literal = text(cmark_node_get_literal(node))
        let cmarkInfo = text(cmark_node_get_fence_info(node))
        let sourceLine = at.line - lineOffset
        // cmark has no flag for "fenced"; a fenced block's first line starts with its fence.
        let fence = lines.fence(onLine: sourceLine, fromColumn: at.column)
        guard let fence else {
            let info = FenceInfo(language: "", attributes: [], location: at)
            return Block(.codeBlock(CodeBlock(info: info, literal: literal, isFenced: false)), at: at)
        }
        // Parse the info string from the source line, so attribute columns are exact;
        // libcmark's copy only differs by decoded escapes and entities, which fences rarely use.
        let infoText = fence.info.isEmpty && !cmarkInfo.isEmpty ? Substring(cmarkInfo) : fence.info
        let info = FenceInfo(parsing: infoText, at: at.at(column: fence.infoColumn))
        return Block(.codeBlock(CodeBlock(info: info, literal: literal, isFenced: true)), at: at)
    }

    private func text(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}

extension MarkdownParser {
    /// Parses one line of inline Markdown (a title, a dek, a caption) with the same smart punctuation.
    package func parseInline(_ text: String) -> [Inline] {
        let document = parse(text, path: "")
        // Text that Markdown would read as a block ("1. Intro", "# x", "- y") stays as written.
        guard document.blocks.count == 1, case .paragraph(let inlines) = document.blocks[0].kind else {
            return text.isEmpty ? [] : [.text(text)]
        }
        return inlines
    }
}
