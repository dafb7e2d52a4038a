import NotesDiagnostics
import NotesRecords

/// An authored diagram from a fenced block: ```` ```lanes ```` or ```` ```turn ````.
///
/// Parsed at build time and drawn as inline SVG; the syntax of both languages is documented,
/// with examples, in docs/diagrams.md.
package enum Diagram: Hashable, Sendable {
    /// Named bars on a time axis, in groups.
    case lanes(LanesDiagram)
    /// One model turn fanning out to tool calls, the results funnelled into the next turn.
    case turn(TurnDiagram)
    /// A stored run's timing lanes (a `lanes` fence with `from=FILE`).
    case timeline(RunTimeline)

    /// The fence languages drawn as diagrams.
    package static let languages: Set<String> = ["lanes", "turn"]

    /// Parses the body of a `lanes` or `turn` fence.
    ///
    /// `bodyStart` is the location of the first body line (the line after the fence, at the column
    /// of the fence's first character); every error names the exact line and column inside the
    /// body and carries a `help:` line. All problems of a block are reported, not just the first.
    package static func parse(language: String, text: String, bodyStart: SourceLocation) throws(DiagnosticList) -> Diagram {
        switch language.lowercased() {
        case "lanes":
            return .lanes(try LanesDiagram.parse(text, bodyStart: bodyStart))
        case "turn":
            return .turn(try TurnDiagram.parse(text, bodyStart: bodyStart))
        default:
            throw DiagnosticList([
                Diagnostic(
                    at: DiagramSource.fenceLocation(bodyStart), "`\(language)` is not a diagram language",
                    help: "use `lanes` (bars on a time axis) or `turn` (a model turn and its tool calls)")
            ])
        }
    }

    /// A complete, deterministic `<svg>` element: `role="img"`, `aria-labelledby` naming its
    /// `<title>` and `<desc>`, a `viewBox` and no fixed size (it scales to the column), and ids that
    /// start with `idPrefix` so several diagrams on one page never clash. `title` is the figure's
    /// caption as plain text. `idPrefix` should be a valid XML name, such as `figure-2`.
    package func svg(title: String, idPrefix: String) -> String {
        switch self {
        case .lanes(let diagram): diagram.svg(title: title, idPrefix: idPrefix)
        case .turn(let diagram): diagram.svg(title: title, idPrefix: idPrefix)
        case .timeline(let timeline): TimelineSVG.svg(timeline, title: title, idPrefix: idPrefix)
        }
    }
}
