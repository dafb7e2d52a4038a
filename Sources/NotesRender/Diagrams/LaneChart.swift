/// What a lanes drawing shows, before any geometry: named groups of rows of bars on one time axis.
///
/// Both the authored `lanes` figures and a run's timing lanes become a chart, so they share one
/// layout and one look: a reader who has learnt one can read the other.
struct LaneChart: Hashable, Sendable {
    /// How a bar is filled; each style is told apart by pattern and outline, not only by colour.
    enum Style: String, Hashable, Sendable, CaseIterable {
        /// A model call: solid fill.
        case model
        /// A tool call: hatched fill.
        case tool
        /// Time that was not measured call by call (a whole tool phase): dashed outline, no fill.
        case unmeasured
        /// A run's time before its first model call (interpreter start-up, imports): dotted outline, no fill.
        case startUp

        /// The legend's words for this style.
        var legend: String {
            switch self {
            case .model: "model call"
            case .tool: "tool call"
            case .unmeasured: "not measured call by call"
            case .startUp: "before the first model call"
            }
        }
    }

    /// One span of time.
    struct Bar: Hashable, Sendable {
        /// Seconds from 0.
        var start: Double
        /// Seconds from 0.
        var end: Double
        /// Solid, hatched or dashed.
        var style: Style
        /// Drawn on or beside the bar: a name and a duration.
        var label: String
        /// The bar's tooltip: the label with its exact times.
        var tooltip: String
        /// Marked with a small triangle: when a streamed response's first event arrived.
        var firstEvent: Double?
        /// Where the bar leads, in a run panel: the step it belongs to.
        var link: Link?
    }

    /// A bar's link to the step it belongs to, and what a replay needs to know of it.
    struct Link: Hashable, Sendable {
        /// `#listing-1-run-step-2`.
        var href: String
        var step: Int
        /// Whether the bar is a tool call (else a model call).
        var isTool: Bool
    }

    /// Rows under one name in the label column ("Sequential", "Tools").
    struct Group: Hashable, Sendable {
        /// Shown left of the first row; may be empty.
        var name: String
        /// Rows top to bottom; no two bars of a row overlap.
        var rows: [[Bar]]
    }

    /// Top to bottom.
    var groups: [Group]
    /// The time axis under every row.
    var axis: TimeAxis
    /// Times drawn as dashed vertical lines across every row: where each step of a run begins.
    var boundaries: [Double] = []
    /// Whether to draw a legend of the styles in use (and of the first-event mark).
    var showsLegend: Bool
    /// The `<desc>` text: everything the drawing shows, in words, for screen readers.
    var summary: String
    /// Extra class on the `<svg>` element, e.g. `diagram-timeline`.
    var kindClass: String

    /// Whether any bar links somewhere: the drawing is then a group of links rather than one image.
    var hasLinks: Bool {
        groups.contains { $0.rows.contains { $0.contains { $0.link != nil } } }
    }

    /// The styles used by any bar, in a fixed order.
    var stylesInUse: [Style] {
        Style.allCases.filter { style in groups.contains { $0.rows.contains { $0.contains { $0.style == style } } } }
    }

    /// Whether any bar carries a first-event mark.
    var hasFirstEvents: Bool {
        groups.contains { $0.rows.contains { $0.contains { $0.firstEvent != nil } } }
    }

    /// The latest time of any bar, or 0 when there are none.
    var latestEnd: Double {
        groups.flatMap { $0.rows.flatMap { $0.map { max($0.start, $0.end) } } }.max() ?? 0
    }
}
