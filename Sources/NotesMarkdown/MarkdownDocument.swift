import NotesDiagnostics

/// A parsed Markdown body: an immutable tree of blocks, each with the place it came from.
///
/// Built by ``MarkdownParser`` from libcmark's tree, which is freed before the parser returns.
public struct MarkdownDocument: Hashable, Sendable {
    /// The top-level blocks, in source order.
    public var blocks: [Block]

    public init(blocks: [Block]) {
        self.blocks = blocks
    }
}

/// A block-level element with its source location (the first character of the block).
public struct Block: Hashable, Sendable {
    /// What the block is.
    public indirect enum Kind: Hashable, Sendable {
        case paragraph([Inline])
        case heading(level: Int, [Inline])
        case codeBlock(CodeBlock)
        case blockQuote([Block])
        case list(ListBlock)
        case thematicBreak
        /// Raw HTML written by the author, passed through unchanged.
        case html(String)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

/// A fenced or indented code block.
public struct CodeBlock: Hashable, Sendable {
    /// The parsed info string: language and `key=value` attributes.
    public var info: FenceInfo
    /// The block's text, ending in a newline when not empty.
    public var literal: String
    /// False for indented code blocks, which have no info string.
    public var isFenced: Bool

    public init(info: FenceInfo, literal: String, isFenced: Bool) {
        self.info = info
        self.literal = literal
        self.isFenced = isFenced
    }
}

/// A bullet or ordered list.
public struct ListBlock: Hashable, Sendable {
    public var isOrdered: Bool
    /// The first number of an ordered list.
    public var start: Int
    /// Tight lists render their items' paragraphs without `<p>`.
    public var isTight: Bool
    /// Each item's blocks.
    public var items: [[Block]]

    public init(isOrdered: Bool, start: Int, isTight: Bool, items: [[Block]]) {
        self.isOrdered = isOrdered
        self.start = start
        self.isTight = isTight
        self.items = items
    }
}

/// An inline element. Text has already been through smart punctuation.
public indirect enum Inline: Hashable, Sendable {
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
    public var plainText: String {
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
    public var plainText: String { map(\.plainText).joined() }
}
