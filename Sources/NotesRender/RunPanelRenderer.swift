import NotesRecords

/// The HTML under a runnable listing: a terminal-like panel with the command, the output and the
/// exit status, a provenance line, the timing lanes (each call linking to its step), and the
/// agent's steps, each with an id and its time range. Everything from the run is escaped: a tool
/// result holding `<script>` is shown, never executed.
///
/// With a ``Player``, the panel also carries the replay controls (from the site's templates) and
/// the times a replay needs, as JSON; the page works the same without them.
package struct RunPanelRenderer: Sendable {
    /// The replay controls of a panel, rendered from `templates/partials/run-player.mustache`.
    package typealias Player = @Sendable (_ controls: RunPlayerControls) -> String

    /// Output longer than this many lines is shown clipped, behind "Show all N lines".
    package static let longOutput = 40

    package var player: Player?
    /// Clip output longer than ``longOutput`` lines behind a toggle (not in feeds, which have no CSS).
    package var collapsesLongOutput: Bool

    package init(player: Player? = nil, collapsesLongOutput: Bool = true) {
        self.player = player
        self.collapsesLongOutput = collapsesLongOutput
    }

    /// The panel for `run`; `id` prefixes element ids (`listing-1`).
    package func render(_ run: RunView, id: String) -> String {
        let panel = "\(id)-run"
        var html = "<details class=\"run\" id=\"\(panel)\" open>\n"
        html +=
            "<summary><span class=\"run-title\">Run</span> <span class=\"run-meta\">ran in \(Self.seconds(run.seconds))</span></summary>\n"
        if let player {
            html += player(RunPlayerControls(panel: panel, run: run, part: .bar))
        }
        html += output(run, panel: panel)
        html += "<p class=\"run-provenance\">"
        HTMLEscaping.append(run.provenance, to: &html)
        html += "</p>\n"
        if let timeline = run.timeline { html += lanes(timeline, run: run, panel: panel) }
        if !run.steps.isEmpty { html += steps(run, panel: panel) }
        if player != nil { html += RunPlayerData(run: run).script(panel: panel) }
        return html + "</details>\n"
    }

    /// The command and what it printed, one `run-line` per line; long output is clipped behind a
    /// checkbox-and-label toggle, which needs no script.
    private func output(_ run: RunView, panel: String) -> String {
        var html = ""
        let isLong = collapsesLongOutput && run.output.count > Self.longOutput
        if isLong {
            html += "<input type=\"checkbox\" class=\"run-more-toggle\" id=\"\(panel)-more\" aria-controls=\"\(panel)-output\">\n"
        }
        html += "<pre class=\"run-output\(isLong ? " run-long" : "")\" id=\"\(panel)-output\"><code><span class=\"run-prompt\">$ </span>"
        HTMLEscaping.append(run.command, to: &html)
        html += "\n"
        for line in run.output {
            // The newline sits inside the line, so a replay hides a line and its break together.
            html += line.isError ? "<span class=\"run-line run-stderr\">" : "<span class=\"run-line\">"
            TerminalText.appendHTML(line.text, to: &html)
            html += "\n</span>"
        }
        html += "<span class=\"run-exit\(run.succeeded ? "" : " run-failed")\">"
        HTMLEscaping.append(run.exitSummary, to: &html)
        html += "</span></code></pre>\n"
        if isLong {
            html += "<label class=\"run-more\" for=\"\(panel)-more\"><span class=\"run-more-all\">Show all \(run.output.count) lines</span>"
            html += "<span class=\"run-more-fewer\">Show fewer lines</span></label>\n"
        }
        return html
    }

    /// The run's timing lanes and, when a step ran several tools, what running them together bought.
    private func lanes(_ timeline: RunTimeline, run: RunView, panel: String) -> String {
        var html = "<figure class=\"run-lanes\">\n<div class=\"diagram-frame\">"
        html += TimelineSVG.svg(
            timeline, title: "Timing lanes of this run", idPrefix: "\(panel)-lanes",
            stepLink: run.steps.isEmpty ? nil : { "#\(panel)-step-\($0)" })
        if let player { html += player(RunPlayerControls(panel: panel, run: run, part: .scrubber)) }
        html += "</div>\n"
        let sentences = ParallelSummary(timeline).sentences
        if !sentences.isEmpty {
            html += "<figcaption>"
            for sentence in sentences {
                html += "<span class=\"run-parallel\">"
                HTMLEscaping.append(sentence, to: &html)
                html += "</span> "
            }
            html.removeLast()
            html += "</figcaption>\n"
        }
        return html + "</figure>\n"
    }

    private func steps(_ run: RunView, panel: String) -> String {
        let calls = run.modelCalls == 1 ? "1 model call" : "\(run.modelCalls) model calls"
        let tools = run.toolCalls == 1 ? "1 tool call" : "\(run.toolCalls) tool calls"
        var html =
            "<details class=\"run-steps\" id=\"\(panel)-steps\">\n<summary>Steps: \(calls), \(tools)</summary>\n<ol class=\"steps\">\n"
        for step in run.steps {
            html += "<li class=\"step\" id=\"\(panel)-step-\(step.number)\">\n<p class=\"step-label\">"
            HTMLEscaping.append(step.label, to: &html)
            html += " <span class=\"step-time\">\(Self.range(step.startMS, step.endMS))</span></p>\n<dl>\n"
            var action = 0
            for item in step.items {
                switch item {
                case .thought(let text): html += entry("Thought", "step-thought", text, preformatted: true)
                case .redactedThought: html += entry("Thought", "step-thought", "(redacted by the engine)", preformatted: false)
                case .says(let text): html += entry("Says", "step-says", text, preformatted: true)
                case .action(let name, let input):
                    action += 1
                    html += entry("Action \(action)", "step-action", "\(name)(\(input))", preformatted: true)
                case .observation(let text, let isError):
                    html += entry(
                        isError ? "Observation \(action) (error)" : "Observation \(action)", "step-observation", text, preformatted: true)
                }
            }
            html += "</dl>\n</li>\n"
        }
        return html + "</ol>\n</details>\n"
    }

    private func entry(_ term: String, _ kind: String, _ text: String, preformatted: Bool) -> String {
        var html = "<dt class=\"\(kind)\">\(term)</dt><dd class=\"\(kind)\">"
        html += preformatted ? "<pre>" : ""
        HTMLEscaping.append(text, to: &html)
        html += preformatted ? "</pre>" : ""
        return html + "</dd>\n"
    }

    /// "2.5–3.3 s": a step's time range, to a tenth of a second.
    static func range(_ startMS: Int, _ endMS: Int) -> String {
        "\(tenths(startMS))–\(tenths(endMS)) s"
    }

    /// "3.3" for 3,343 ms.
    static func tenths(_ milliseconds: Int) -> String {
        let tenths = Int((Double(milliseconds) / 100).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// "5.1s", "0.4s", "12s", "2m 05s".
    static func seconds(_ value: Double) -> String {
        if value < 10 {
            let tenths = Int((value * 10).rounded())
            return "\(tenths / 10).\(tenths % 10)s"
        }
        if value < 60 { return "\(Int(value.rounded()))s" }
        let total = Int(value.rounded())
        let rest = total % 60
        return "\(total / 60)m \(rest < 10 ? "0" : "")\(rest)s"
    }
}
