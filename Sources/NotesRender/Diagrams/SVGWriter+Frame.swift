/// The parts every diagram shares: the `<svg>` element with its accessible name, and the fill
/// patterns and arrowheads that the drawings refer to.
///
/// Colours are given twice: as attributes (so the SVG looks right on its own, e.g. opened from a
/// golden file) and as classes that the site stylesheet (templates/assets/style.css) maps to the site's CSS variables (which
/// override presentation attributes), so the page's light and dark themes apply.
extension SVGWriter {
    /// Light-theme colours of the site, used as fallbacks in attributes.
    enum Fallback {
        /// `--ink`
        static let ink = "#1d1c1a"
        /// `--muted`
        static let muted = "#6b665e"
        /// `--rule`
        static let rule = "#e4e0d8"
        /// `--accent`
        static let accent = "#b4441c"
        /// `--paper`
        static let paper = "#fbfaf7"
        /// `--code-bg`
        static let codeBackground = "#f3f1ec"
    }

    /// Opens the `<svg>` element and writes its `<title>`, `<desc>` and `<defs>`.
    ///
    /// Ids start with `idPrefix` so that several diagrams on one page never share an id; the
    /// caller closes the element with `close("svg")`.
    mutating func begin(
        kindClass: String, width: Double, height: Double, title: String, summary: String, idPrefix: String, arrows: Bool = false,
        role: String = "img"
    ) {
        open(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg",
                "class": "diagram \(kindClass)",
                "viewBox": "0 0 \(width.svg) \(height.svg)",
                "role": role,
                "aria-labelledby": "\(idPrefix)-title \(idPrefix)-desc",
                "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
                "font-size": "12",
            ])
        element("title", ["id": "\(idPrefix)-title"], text: title)
        element("desc", ["id": "\(idPrefix)-desc"], text: summary)
        open("defs")
        // Hatching rather than a second colour marks tool calls, so they stay distinct from the
        // solid model calls when printed in greyscale.
        open(
            "pattern",
            ["id": "\(idPrefix)-hatch", "width": "6", "height": "6", "patternUnits": "userSpaceOnUse", "patternTransform": "rotate(45)"])
        element("rect", ["class": "dg-hatch-bg", "width": "6", "height": "6", "fill": Fallback.codeBackground])
        element(
            "line",
            ["class": "dg-hatch-line", "x1": "0", "y1": "0", "x2": "0", "y2": "6", "stroke": Fallback.muted, "stroke-width": "1.25"])
        close("pattern")
        if arrows {
            open(
                "marker",
                [
                    "id": "\(idPrefix)-arrow", "viewBox": "0 0 8 8", "refX": "7", "refY": "4", "markerWidth": "8", "markerHeight": "8",
                    "orient": "auto",
                ])
            element("path", ["class": "dg-arrowhead", "d": "M0 0L8 4L0 8Z", "fill": Fallback.muted])
            close("marker")
        }
        close("defs")
    }

    /// A box drawn in `style`: solid for model calls, hatched for tool calls, dashed for unmeasured
    /// time, dotted for the time before a run's first model call.
    /// `role` is its first class: `dg-bar` for a bar, `dg-box` for a turn diagram's box, `dg-swatch` in a legend.
    mutating func styledRect(
        _ style: LaneChart.Style, role: String, x: Double, y: Double, width: Double, height: Double, idPrefix: String,
        tooltip: String? = nil, radius: Double = 2
    ) {
        var attributes: KeyValuePairs<String, String>
        switch style {
        case .model:
            attributes = [
                "class": "\(role) dg-model", "x": x.svg, "y": y.svg, "width": width.svg, "height": height.svg, "rx": radius.svg,
                "fill": Fallback.accent,
            ]
        case .tool:
            attributes = [
                "class": "\(role) dg-tool", "x": x.svg, "y": y.svg, "width": width.svg, "height": height.svg, "rx": radius.svg,
                "fill": "url(#\(idPrefix)-hatch)", "stroke": Fallback.ink, "stroke-width": "1",
            ]
        case .unmeasured:
            attributes = [
                "class": "\(role) dg-unmeasured", "x": x.svg, "y": y.svg, "width": width.svg, "height": height.svg, "rx": radius.svg,
                "fill": "none", "stroke": Fallback.muted, "stroke-width": "1.25", "stroke-dasharray": "4 3",
            ]
        case .startUp:
            attributes = [
                "class": "\(role) dg-start-up", "x": x.svg, "y": y.svg, "width": width.svg, "height": height.svg, "rx": radius.svg,
                "fill": "none", "stroke": Fallback.muted, "stroke-width": "1", "stroke-dasharray": "1 2",
            ]
        }
        if let tooltip {
            open("rect", attributes)
            element("title", [:], text: tooltip)
            close("rect")
        } else {
            element("rect", attributes)
        }
    }

    /// A label; text on a hatched or plain background gets a halo of that background so it stays
    /// readable over lines and patterns.
    mutating func label(
        _ text: String, x: Double, y: Double, tone: LaneChartLayout.PlacedLabel.Tone, anchorsEnd: Bool = false, bold: Bool = false
    ) {
        let anchor = anchorsEnd ? "end" : ""
        let weight = bold ? "600" : ""
        switch tone {
        case .onModel:
            element(
                "text",
                ["class": tone.rawValue, "x": x.svg, "y": y.svg, "text-anchor": anchor, "font-weight": weight, "fill": Fallback.paper],
                text: text)
        case .onTool:
            element(
                "text",
                [
                    "class": tone.rawValue, "x": x.svg, "y": y.svg, "text-anchor": anchor, "font-weight": weight, "fill": Fallback.ink,
                    "stroke": Fallback.codeBackground, "stroke-width": "3", "stroke-linejoin": "round", "paint-order": "stroke",
                ], text: text)
        case .onUnmeasured, .beside:
            if tone == .beside {
                // A label on the paper gets the paper behind it, a little wider than its estimated
                // width: a step line or grid line crossing it would show between its letters, where a
                // halo does not reach.
                let width = TextMetrics.width(text, fontSize: LaneChartLayout.fontSize) + 2
                let left = anchorsEnd ? x - width + 1 : x - 1
                element(
                    "rect",
                    [
                        "class": "dg-label-bg", "x": left.svg, "y": (y - 10).svg, "width": width.svg, "height": "13",
                        "fill": Fallback.paper,
                    ])
            }
            let fill = tone == .onUnmeasured ? Fallback.muted : Fallback.ink
            element(
                "text",
                [
                    "class": tone.rawValue, "x": x.svg, "y": y.svg, "text-anchor": anchor, "font-weight": weight, "fill": fill,
                    "stroke": Fallback.paper, "stroke-width": "3", "stroke-linejoin": "round", "paint-order": "stroke",
                ], text: text)
        }
    }
}
