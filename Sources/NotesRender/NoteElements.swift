import NotesDiagnostics
import NotesMarkdown
import NotesRecords

/// A numbered figure of a note: a diagram, an image, a text figure, or a drawing of a stored run.
package struct Figure: Hashable, Sendable {
    /// What the figure shows.
    package enum Drawing: Hashable, Sendable {
        /// A diagram drawn at build time (written in the note, or drawn from a stored run).
        case diagram(Diagram)
        /// A diagram to draw from a listing's stored run, which the build has not attached (yet).
        case fromRun(RunFigure)
        /// An image of the note's folder, alone in its paragraph with a title.
        case image(source: String, alt: [Inline])
        /// A text figure: a fence with the `figure` flag, shown as written.
        case text(String)
    }

    /// 1-based, in order of appearance in the note (images and fences counted together).
    package var number: Int
    /// The caption without its number, as inline Markdown; empty for none.
    package var caption: [Inline]
    package var drawing: Drawing

    package init(number: Int, caption: [Inline], drawing: Drawing) {
        self.number = number
        self.caption = caption
        self.drawing = drawing
    }

    /// `figure-2`: the element's id, and its anchor.
    package var id: String { "figure-\(number)" }
}

/// A `lanes` or `turn` fence that draws from a listing's stored run: `from=parallel_tools.py step=2`.
package struct RunFigure: Hashable, Sendable {
    /// The listing's file.
    package var file: String
    /// `lanes` or `turn`.
    package var language: String
    /// For `turn`: the step whose tool calls it shows.
    package var step: Int?
    /// The `from=` attribute, for messages.
    package var location: SourceLocation

    package init(file: String, language: String, step: Int?, location: SourceLocation) {
        self.file = file
        self.language = language
        self.step = step
        self.location = location
    }
}

/// One numbered element of a note's body.
package enum NoteElement: Hashable, Sendable {
    case listing(Listing)
    case figure(Figure)

    /// `listing-1`, `figure-2`: stable for the note, and the anchor the page gives it.
    package var id: String {
        switch self {
        case .listing(let listing): listing.id
        case .figure(let figure): figure.id
        }
    }
}

/// The listings and figures of a note, resolved once when the note is read: each knows its number
/// and id, and the body renderer finds the element a block stands for by the block's place.
/// Later steps (attaching runs, drawing figures from them) change an element by its id.
package struct NoteElements: Hashable, Sendable {
    /// Every element, in the order of the note.
    package private(set) var all: [NoteElement] = []
    private var positionOfBlock: [SourceLocation: Int] = [:]
    private var positionOfID: [String: Int] = [:]

    package init() {}

    /// Adds `element`, standing for the block that starts at `block`.
    package mutating func append(_ element: NoteElement, for block: SourceLocation) {
        positionOfBlock[block] = all.count
        positionOfID[element.id] = all.count
        all.append(element)
    }

    /// The element the block starting at `block` stands for, if it is one.
    package func element(for block: SourceLocation) -> NoteElement? {
        positionOfBlock[block].map { all[$0] }
    }

    /// The element with `id` (`listing-1`), if there is one.
    package subscript(id: String) -> NoteElement? {
        positionOfID[id].map { all[$0] }
    }

    /// The listings, in order.
    package var listings: [Listing] {
        all.compactMap { if case .listing(let listing) = $0 { listing } else { nil } }
    }

    /// The figures, in order.
    package var figures: [Figure] {
        all.compactMap { if case .figure(let figure) = $0 { figure } else { nil } }
    }

    /// The runnable listings, in order.
    package var runnable: [RunnableListing] { listings.compactMap(\.runnable) }

    /// Shows `run` under the listing `id`.
    package mutating func attach(_ run: RunView, toListing id: String) {
        guard let position = positionOfID[id], case .listing(var listing) = all[position] else { return }
        listing.run = run
        all[position] = .listing(listing)
    }

    /// Shows `notice` where the run of the listing `id` goes (the preview's word on a missing or
    /// stale run).
    package mutating func attach(notice: Diagnostic, toListing id: String) {
        guard let position = positionOfID[id], case .listing(var listing) = all[position] else { return }
        listing.previewNotice = notice
        all[position] = .listing(listing)
    }

    /// Replaces the drawing of the figure `id`.
    package mutating func draw(_ drawing: Figure.Drawing, inFigure id: String) {
        guard let position = positionOfID[id], case .figure(var figure) = all[position] else { return }
        figure.drawing = drawing
        all[position] = .figure(figure)
    }
}
