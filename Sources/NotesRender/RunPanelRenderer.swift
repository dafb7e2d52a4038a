import NotesRecords

/// The HTML under a runnable listing: a terminal-like panel with the command, the output and the
/// exit status, a provenance line, and the agent's steps. Everything from the run is escaped: a
/// tool result holding `<script>` is shown, never executed.
package struct RunPanelRenderer: Sendable {
    package init() {}

    /// The panel for `run`; `id` prefixes element ids (`listing-1`).
    package func render(_ run: RunView, id: String) -> String {
        var html = "<details class=\"run\" id=\"\(id)-run\" open>\n"
        html +=
            "<summary><span class=\"run-title\">Run</span> <span class=\"run-meta\">ran in \(Self.seconds(run.seconds))</span></summary>\n"
        html += "<pre class=\"run-output\"><code><span class=\"run-prompt\">$ </span>"
        HTMLEscaping.append(run.command, to: &html)
        html += "\n"
        for line in run.output {
            if line.isError {
                html += "<span class=\"run-stderr\">"
                HTMLEscaping.append(line.text, to: &html)
                html += "</span>\n"
            } else {
                HTMLEscaping.append(line.text, to: &html)
                html += "\n"
            }
        }
        html += "<span class=\"run-exit\(run.succeeded ? "" : " run-failed")\">"
        HTMLEscaping.append(run.exitSummary, to: &html)
        html += "</span></code></pre>\n<p class=\"run-provenance\">"
        HTMLEscaping.append(run.provenance, to: &html)
        html += "</p>\n"
        if let timeline = run.timeline { html += lanes(timeline, id: id) }
        if !run.steps.isEmpty { html += steps(run) }
        return html + "</details>\n"
    }

    /// The run's timing lanes and, when a step ran several tools, what running them together bought.
    private func lanes(_ timeline: RunTimeline, id: String) -> String {
        var html = "<figure class=\"run-lanes\">\n<div class=\"diagram-frame\">"
        html += TimelineSVG.svg(timeline, title: "Timing lanes of this run", idPrefix: "\(id)-lanes")
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

    private func steps(_ run: RunView) -> String {
        let calls = run.modelCalls == 1 ? "1 model call" : "\(run.modelCalls) model calls"
        let tools = run.toolCalls == 1 ? "1 tool call" : "\(run.toolCalls) tool calls"
        var html = "<details class=\"run-steps\">\n<summary>Steps: \(calls), \(tools)</summary>\n<ol class=\"steps\">\n"
        for step in run.steps {
            html += "<li class=\"step\">\n<p class=\"step-label\">"
            HTMLEscaping.append(step.label, to: &html)
            html += "</p>\n<dl>\n"
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
