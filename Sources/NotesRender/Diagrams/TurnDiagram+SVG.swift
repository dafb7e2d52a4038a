extension TurnDiagram {
    /// A complete `<svg>` element; see ``Diagram/svg(title:idPrefix:)``.
    ///
    /// Left, the model turn (solid, like a model call); middle, one hatched box per `tool_use`
    /// block, stacked and marked as running at the same time; right, the next turn. Arrows fan out
    /// from the turn to every call and funnel from every call into one point of the next turn,
    /// because all results go back in one message.
    package func svg(title: String, idPrefix: String) -> String {
        let layout = TurnLayout(self)
        var writer = SVGWriter()
        writer.begin(
            kindClass: "diagram-turn", width: layout.width, height: layout.height, title: title, summary: summary, idPrefix: idPrefix,
            arrows: true)
        let arrowEnd = "url(#\(idPrefix)-arrow)"
        for call in layout.calls {
            writer.element(
                "path",
                [
                    "class": "dg-arrow",
                    "d": Self.curve(from: (layout.model.x + layout.model.width, layout.centerY), to: (call.x - 2, call.centerY)),
                    "fill": "none", "stroke": SVGWriter.Fallback.muted, "stroke-width": "1.25", "marker-end": arrowEnd,
                ])
            writer.element(
                "path",
                [
                    "class": "dg-arrow",
                    "d": Self.curve(from: (call.x + call.width, call.centerY), to: (layout.next.x - 2, layout.centerY)), "fill": "none",
                    "stroke": SVGWriter.Fallback.muted, "stroke-width": "1.25", "marker-end": arrowEnd,
                ])
        }
        for box in [layout.model, layout.next] {
            writer.styledRect(
                .model, role: "dg-box", x: box.x, y: box.y, width: box.width, height: box.height, idPrefix: idPrefix, radius: 4)
            let middle = box.x + box.width / 2
            writer.element(
                "text",
                [
                    "class": "dg-on-model", "x": middle.svg, "y": (box.centerY - 3).svg, "text-anchor": "middle", "font-weight": "600",
                    "fill": SVGWriter.Fallback.paper,
                ], text: box.lines[0])
            writer.element(
                "text",
                [
                    "class": "dg-on-model", "x": middle.svg, "y": (box.centerY + 13).svg, "text-anchor": "middle", "font-size": "11",
                    "fill": SVGWriter.Fallback.paper,
                ], text: box.lines[1])
        }
        if let note = layout.togetherNote {
            writer.element(
                "text",
                [
                    "class": "dg-legend", "x": note.x.svg, "y": note.y.svg, "text-anchor": "middle", "font-size": "11",
                    "font-style": "italic", "fill": SVGWriter.Fallback.muted,
                ], text: "run at the same time")
        }
        for call in layout.calls {
            writer.styledRect(
                .tool, role: "dg-box", x: call.x, y: call.y, width: call.width, height: call.height, idPrefix: idPrefix, radius: 4)
            let halo: KeyValuePairs<String, String> = [
                "class": "dg-on-tool", "x": (call.x + 12).svg, "y": (call.y + 18).svg, "fill": SVGWriter.Fallback.ink,
                "stroke": SVGWriter.Fallback.codeBackground, "stroke-width": "3", "stroke-linejoin": "round", "paint-order": "stroke",
            ]
            writer.text(
                halo,
                runs: [
                    ("tool_use ", ["class": "dg-tag", "font-size": "11", "fill": SVGWriter.Fallback.muted]),
                    (call.lines[0], ["font-weight": "600"]),
                ])
            if call.lines.count > 1 {
                writer.label(call.lines[1], x: call.x + 12, y: call.y + 33, tone: .onTool)
            }
        }
        writer.close("svg")
        return writer.output
    }

    /// A horizontal S-curve, so that fanned arrows leave and arrive level.
    private static func curve(from start: (x: Double, y: Double), to end: (x: Double, y: Double)) -> String {
        let middle = (start.x + end.x) / 2
        return "M\(start.x.svg) \(start.y.svg)C\(middle.svg) \(start.y.svg) \(middle.svg) \(end.y.svg) \(end.x.svg) \(end.y.svg)"
    }

    /// The figure in words.
    var summary: String {
        let calls = calls.map { $0.detail.isEmpty ? $0.name : "\($0.name) (\($0.detail))" }
        let together = calls.count == 1 ? "one tool_use block" : "\(calls.count) tool_use blocks, run at the same time"
        let results = calls.count == 1 ? "Its result goes" : "Their results go back together, in one message,"
        return "\(turnLabel) carries \(together): \(calls.joined(separator: "; ")). \(results) into \(nextLabel)."
    }
}
