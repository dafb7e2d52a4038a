import Foundation
import NotesRecords

/// What the replay controls of one run panel are rendered with, from
/// `templates/partials/run-player.mustache`, which is rendered twice per panel: once for the bar of
/// buttons at the top of the panel (`bar`), once for the scrubber under the timing lanes
/// (`scrubber`), lined up with their time axis. A run without lanes has its scrubber in the bar
/// (`inline_scrubber`).
package struct RunPlayerControls: Hashable, Sendable {
    /// Which part of the controls is being rendered.
    package enum Part: Hashable, Sendable {
        case bar
        case scrubber
    }

    /// The panel's id (`listing-1-run`); the controls' ids start with it.
    package var panel: String
    package var run: RunView
    package var part: Part

    /// The template's context: `bar`, `scrubber` or `inline_scrubber` (one of them true), `panel`,
    /// `command`, `duration` ("6.2", seconds), `duration_ms`, `steps` (a count), and for the
    /// scrubber `left` and `right`, the margins (percent of the lanes' width) that line it up with
    /// the time axis.
    package var context: [String: Any] {
        var context: [String: Any] = [
            "panel": panel, "command": run.command, "duration": RunPanelRenderer.tenths(run.durationMS), "duration_ms": run.durationMS,
            "steps": run.steps.count, "bar": part == .bar, "scrubber": part == .scrubber,
            "inline_scrubber": part == .bar && run.timeline == nil,
        ]
        if let timeline = run.timeline {
            let geometry = TimelineSVG.geometry(timeline)
            // The scrubber's track spans 0 to the run's end; the axis may run a little past it.
            let end = geometry.left + (geometry.right - geometry.left) * min(1, run.seconds / geometry.axisEnd)
            context["left"] = DecimalText.format(geometry.left / geometry.width * 100, decimals: 2, trimZeros: true)
            context["right"] = DecimalText.format((geometry.width - end) / geometry.width * 100, decimals: 2, trimZeros: true)
        }
        return context
    }
}

/// The times a replay needs, inlined in the panel as `<script type="application/json" class="run-data">`.
///
/// Only numbers: what to show is already on the page, and this says when. `lines[i]` is when the
/// i-th `.run-line` was printed; `steps[i]` spans its step, and its `entries` follow the step's
/// `<dd>` items in order (`at`: when it appears; `until`: when a tool call ended or streamed text was
/// complete; `arrivals`: `[ms, length]` pairs for text that streamed in). `lanes` maps time onto the
/// timing lanes' drawing. Times are milliseconds from the start of the listing's process.
package struct RunPlayerData: Hashable, Sendable {
    package var run: RunView

    /// The data as JSON, with keys in a fixed order.
    package var json: JSONValue {
        var members: [JSONValue.Member] = [
            .init("duration_ms", .int(run.durationMS)),
            .init("lines", .array(run.output.map { .int($0.atMS) })),
            .init(
                "steps",
                .array(
                    run.steps.map { step in
                        .object([
                            .init("n", .int(step.number)), .init("start", .int(step.startMS)), .init("end", .int(step.endMS)),
                            .init("entries", .array(step.entries.map(Self.entry))),
                        ])
                    })),
        ]
        if let timeline = run.timeline {
            let geometry = TimelineSVG.geometry(timeline)
            members.append(
                .init(
                    "lanes",
                    .object([
                        .init("width", Self.number(geometry.width)), .init("height", Self.number(geometry.height)),
                        .init("left", Self.number(geometry.left)), .init("right", Self.number(geometry.right)),
                        .init("end_ms", .int(Int((geometry.axisEnd * 1000).rounded()))),
                        .init("top", Self.number(geometry.top)), .init("bottom", Self.number(geometry.bottom)),
                    ])))
        }
        return .object(members)
    }

    /// The `<script>` element carrying the data.
    package func script(panel: String) -> String {
        // No string in the data can close the element, but keep the rule anyway: `</` never appears raw.
        let text = json.text().replacingOccurrences(of: "</", with: "<\\/")
        return "<script type=\"application/json\" class=\"run-data\" id=\"\(panel)-data\">\(text)</script>\n"
    }

    private static func entry(_ entry: RunView.Step.Entry) -> JSONValue {
        var members: [JSONValue.Member] = [.init("at", .int(entry.atMS))]
        if let until = entry.untilMS { members.append(.init("until", .int(until))) }
        if !entry.arrivals.isEmpty {
            members.append(.init("arrivals", .array(entry.arrivals.map { .array([.int($0.atMS), .int($0.length)]) })))
        }
        return .object(members)
    }

    /// A drawing coordinate to two decimals, as the SVG writes them.
    private static func number(_ value: Double) -> JSONValue {
        .number(value.svg)
    }
}
