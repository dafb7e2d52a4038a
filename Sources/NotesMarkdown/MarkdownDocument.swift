import NotesDiagnostics

/// A parsed Markdown body: an immutable tree of blocks, each with the place it came from.
///
/// Built by ``MarkdownParser`` from libcmark's tree, which is freed before the parser returns.
package struct MarkdownDocument: Hashable, Sendable {
    /// The top-level blocks, in source order.
    package var blocks: [Block]
    /// Where the source first nests deeper than ``MarkdownParser/maximumDepth``, if it does; what is
    /// nested deeper is not in ``blocks``.
    package var tooDeeplyNestedAt: SourceLocation?

    package init(blocks: [Block], tooDeeplyNestedAt: SourceLocation? = nil) {
        self.blocks = blocks
        self.tooDeeplyNestedAt = tooDeeplyNestedAt
    }
}

/// A block-level element with its source location (the first character of the block).
package struct Block: Hashable, Sendable {
    /// What the block is.
    package indirect enum Kind: Hashable, Sendable {
        case paragraph([Inline])
        case heading(level: Int, [Inline])
        case codeBlock(CodeBlock)
        case blockQuote([Block])
        case list(ListBlock)
        case thematicBreak
        /// Raw HTML written by the author, passed through unchanged.
        case html(String)
    }

    package var kind: Kind
    package var location: SourceLocation

    package init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

/// A fenced or indented code block.
package struct CodeBlock: Hashable, Sendable {
    /// The parsed info string: language and `key=value` attributes.
    package var info: FenceInfo
    /// The block's text, ending in a newline when not empty.
    package var literal: String
    /// False for indented code blocks, which have no info string.
    package var isFenced: Bool

    package init(info: FenceInfo, literal: String, isFenced: Bool) {
        self.info = info
        self.literal = literal
        self.isFenced = isFenced
    }
}

/// A bullet or ordered list.
package struct ListBlock: Hashable, Sendable {
    package var isOrdered: Bool
    /// The first number of an ordered list.
    package var start: Int
    /// Tight lists render their items' paragraphs without `<p>`.
    package var isTight: Bool
    /// Each item's blocks.
    package var items: [[Block]]

    package init(isOrdered: Bool, start: Int, isTight: Bool, items: [[Block]]) {
        self.isOrdered = isOrdered
        self.start = start
        self.isTight = isTight
        self.items = items
    }
}

/// An inline element. Text has already been through smart punctuation.
package indirect enum Inline: Hashable, Sendable {
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    /// Raw inline HTML written by the author.
    case html(String)
    case emphasis([Inline])
    case strong([Inline])
    case link(destination: String, title: String, [Inline])
    case image(source: String, title: String, alt: [Inline])
}

extension Inline {
    /// The text a reader sees, without markup: used for heading ids, alt text and word counts.
    package var plainText: String {
        switch self {
        case .text(let text), .code(let text): text
        case .softBreak, .lineBreak: " "
        case .html: ""
        case .emphasis(let children), .strong(let children), .link(_, _, let children),
            .image(_, _, let children):
            children.plainText
        }
    }
}

extension Array where Element == Inline {
    /// The concatenated plain text of these inlines.
    package var plainText: String { map(\.plainText).joined() }
}
