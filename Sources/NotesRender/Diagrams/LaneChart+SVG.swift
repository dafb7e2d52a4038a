extension LaneChart {
    /// The chart as a complete `<svg>` element; see ``Diagram/svg(title:idPrefix:)``.
    func svg(title: String, idPrefix: String) -> String {
        let layout = LaneChartLayout(self)
        var writer = SVGWriter()
        writer.begin(
            kindClass: kindClass, width: LaneChartLayout.width, height: layout.height, title: title, summary: summary, idPrefix: idPrefix,
            role: hasLinks ? "group" : "img")
        // Back to front: grid and step lines, then bars, then the text that must stay on top.
        let top = layout.plotTop.svg
        let bottom = layout.axisY.svg
        for tick in layout.axis.ticks {
            let x = layout.x(tick).svg
            writer.element(
                "line",
                ["class": "dg-grid", "x1": x, "y1": top, "x2": x, "y2": bottom, "stroke": SVGWriter.Fallback.rule, "stroke-width": "1"])
        }
        for y in layout.separators {
            writer.element(
                "line",
                [
                    "class": "dg-rule", "x1": "4", "y1": y.svg, "x2": (LaneChartLayout.width - 4).svg, "y2": y.svg,
                    "stroke": SVGWriter.Fallback.rule, "stroke-width": "1",
                ])
        }
        for boundary in boundaries {
            let x = layout.x(boundary).svg
            writer.element(
                "line",
                [
                    "class": "dg-step", "x1": x, "y1": top, "x2": x, "y2": bottom, "stroke": SVGWriter.Fallback.muted, "stroke-width": "1",
                    "stroke-dasharray": "2 3",
                ])
        }
        for bar in layout.bars {
            if let link = bar.bar.link {
                // A link per bar to its step; the times let a replay mark the bar as it happens.
                writer.open(
                    "a",
                    [
                        "href": link.href, "class": "dg-link", "aria-label": bar.bar.tooltip, "data-step": String(link.step),
                        "data-kind": link.isTool ? "tool" : "model", "data-start": String(Int((bar.bar.start * 1000).rounded())),
                        "data-end": String(Int((bar.bar.end * 1000).rounded())),
                    ])
            }
            writer.styledRect(
                bar.bar.style, role: "dg-bar", x: bar.x, y: bar.y, width: bar.width, height: LaneChartLayout.barHeight, idPrefix: idPrefix,
                tooltip: bar.bar.tooltip)
            if bar.bar.link != nil { writer.close("a") }
        }
        for bar in layout.bars {
            guard let firstEvent = bar.bar.firstEvent else { continue }
            writer.element(
                "path",
                ["class": "dg-first-event", "d": Self.triangle(x: layout.x(firstEvent), tipY: bar.y - 1), "fill": SVGWriter.Fallback.ink])
        }
        // Every leader before any label: a leader down to a label of the second line passes behind a
        // label of the first (whose paper hides it) instead of striking through its words.
        for leader in layout.labels.compactMap(\.leader) {
            writer.element(
                "line",
                [
                    "class": "dg-leader", "x1": leader.x.svg, "y1": leader.top.svg, "x2": leader.x.svg, "y2": leader.bottom.svg,
                    "stroke": SVGWriter.Fallback.muted, "stroke-width": "0.75",
                ])
        }
        for label in layout.labels {
            writer.label(label.text, x: label.x, y: label.y, tone: label.tone, anchorsEnd: label.anchorsEnd)
        }
        for label in layout.groupLabels {
            writer.label(label.text, x: label.x, y: label.y, tone: .beside, bold: true)
        }
        writeAxis(layout, into: &writer)
        writeLegend(layout, idPrefix: idPrefix, into: &writer)
        writer.close("svg")
        return writer.output
    }

    private func writeAxis(_ layout: LaneChartLayout, into writer: inout SVGWriter) {
        let y = layout.axisY
        writer.element(
            "line",
            [
                "class": "dg-axis", "x1": layout.plotLeft.svg, "y1": y.svg, "x2": layout.plotRight.svg, "y2": y.svg,
                "stroke": SVGWriter.Fallback.muted, "stroke-width": "1",
            ])
        for tick in layout.axis.ticks {
            let x = layout.x(tick)
            writer.element(
                "line",
                [
                    "class": "dg-axis", "x1": x.svg, "y1": y.svg, "x2": x.svg, "y2": (y + 4).svg, "stroke": SVGWriter.Fallback.muted,
                    "stroke-width": "1",
                ])
            writer.element(
                "text",
                [
                    "class": "dg-tick", "x": x.svg, "y": (y + 15).svg, "text-anchor": "middle",
                    "font-size": LaneChartLayout.tickFontSize.svg, "fill": SVGWriter.Fallback.muted,
                ], text: layout.axis.label(tick))
        }
    }

    private func writeLegend(_ layout: LaneChartLayout, idPrefix: String, into writer: inout SVGWriter) {
        for item in layout.legend {
            if let style = item.style {
                writer.styledRect(style, role: "dg-swatch", x: item.x, y: item.y - 9, width: 14, height: 10, idPrefix: idPrefix, radius: 1)
            } else {
                writer.element(
                    "path", ["class": "dg-first-event", "d": Self.triangle(x: item.x + 7, tipY: item.y), "fill": SVGWriter.Fallback.ink])
            }
            writer.element(
                "text",
                [
                    "class": "dg-legend", "x": (item.x + 20).svg, "y": item.y.svg, "font-size": LaneChartLayout.tickFontSize.svg,
                    "fill": SVGWriter.Fallback.muted,
                ], text: item.text)
        }
    }

    /// A small downward triangle whose tip touches `tipY` at `x`: points at a moment on a bar.
    static func triangle(x: Double, tipY: Double) -> String {
        "M\((x - 4).svg) \((tipY - 7).svg)L\((x + 4).svg) \((tipY - 7).svg)L\(x.svg) \(tipY.svg)Z"
    }
}
