import NotesRecords

/// The run's timing lanes, drawn from a ``RunTimeline``.
///
/// One row for the model calls, then as many tool rows as there were tool calls running at once
/// (``RowPacking``): calls that ran together overlap on different rows; calls that ran one after
/// another share a row end to end. Dashed lines mark where each step begins.
package enum TimelineSVG {
    /// A complete `<svg>` element; `title` is the caption as plain text, ids start with `idPrefix`.
    /// With `stepLink`, every model and tool call links to its step (`stepLink(2)` is the href).
    package static func svg(_ timeline: RunTimeline, title: String, idPrefix: String, stepLink: ((Int) -> String)? = nil) -> String {
        chart(timeline, stepLink: stepLink).svg(title: title, idPrefix: idPrefix)
    }

    /// Where time goes in the drawing, in its viewBox units: what a replay needs to draw a playhead.
    package struct Geometry: Hashable, Sendable {
        /// The viewBox's width and height.
        package var width: Double
        package var height: Double
        /// x of time 0 and of the axis end.
        package var left: Double
        package var right: Double
        /// The time at ``right``, in seconds.
        package var axisEnd: Double
        /// y of the top of the first row and of the time axis.
        package var top: Double
        package var bottom: Double
    }

    /// The geometry of the drawing ``svg(_:title:idPrefix:stepLink:)`` makes for `timeline`.
    package static func geometry(_ timeline: RunTimeline) -> Geometry {
        let layout = LaneChartLayout(chart(timeline, stepLink: nil))
        return Geometry(
            width: LaneChartLayout.width, height: layout.height, left: layout.plotLeft, right: layout.plotRight, axisEnd: layout.axis.end,
            top: layout.plotTop, bottom: layout.axisY)
    }

    /// The chart for a timeline: model row, tool rows, step boundaries, legend.
    static func chart(_ timeline: RunTimeline, stepLink: ((Int) -> String)? = nil) -> LaneChart {
        let models = timeline.modelCalls.sorted { $0.start != $1.start ? $0.start < $1.start : $0.step < $1.step }
        var groups: [LaneChart.Group] = []
        if !models.isEmpty {
            let startUp =
                startUpEnd(timeline, models: models).map { end in
                    [
                        LaneChart.Bar(
                            start: 0, end: end, style: .startUp, label: "start-up · \(SecondsText.duration(end))",
                            tooltip: "before the first model call (start-up, imports) \(SecondsText.span(0, end))")
                    ]
                } ?? []
            groups.append(LaneChart.Group(name: "Model", rows: [startUp + models.map { linked(bar($0), step: $0.step, isTool: false) }]))
        }
        let tools = timeline.toolRows
        if !tools.isEmpty {
            groups.append(LaneChart.Group(name: "Tools", rows: tools.map { $0.map { linked(bar($0), step: $0.step, isTool: true) } }))
        }
        func linked(_ bar: LaneChart.Bar, step: Int, isTool: Bool) -> LaneChart.Bar {
            var bar = bar
            if let stepLink, step > 0 { bar.link = LaneChart.Link(href: stepLink(step), step: step, isTool: isTool) }
            return bar
        }
        let ends = timeline.modelCalls.map(\.end) + timeline.toolCalls.map(\.end)
        var boundaries: [Double] = []
        for call in models where boundaries.last != call.start { boundaries.append(call.start) }
        return LaneChart(
            groups: groups,
            axis: TimeAxis(end: max(timeline.duration, ends.max() ?? 0), roundedUp: false),
            boundaries: boundaries,
            showsLegend: true,
            summary: summary(timeline, models: models, toolRows: tools.count),
            kindClass: "diagram-timeline")
    }

    /// When the first model call began, if that was late enough to draw the wait before it (the
    /// interpreter starting and importing), so a long empty stretch does not look like missing data.
    private static func startUpEnd(_ timeline: RunTimeline, models: [RunTimeline.ModelCall]) -> Double? {
        guard let first = models.first, first.start >= max(0.05, timeline.duration * 0.02) else { return nil }
        return first.start
    }

    private static func bar(_ call: RunTimeline.ModelCall) -> LaneChart.Bar {
        LaneChart.Bar(
            start: call.start, end: call.end, style: .model,
            label: "\(call.label) · \(SecondsText.duration(call.end - call.start))",
            tooltip: "\(call.label): model call \(SecondsText.span(call.start, call.end))",
            // Only a streamed response has a first event worth marking: a plain one arrives whole.
            firstEvent: call.isStreamed ? call.firstEvent : nil)
    }

    private static func bar(_ call: RunTimeline.ToolCall) -> LaneChart.Bar {
        guard call.isMeasured else {
            return LaneChart.Bar(
                start: call.start, end: call.end, style: .unmeasured, label: call.name,
                tooltip: "\(call.name) of step \(call.step), not measured call by call: \(SecondsText.span(call.start, call.end))")
        }
        return LaneChart.Bar(
            start: call.start, end: call.end, style: .tool,
            label: "\(call.name) · \(SecondsText.duration(call.end - call.start))",
            tooltip: "\(call.name) (step \(call.step)) \(SecondsText.span(call.start, call.end))")
    }

    /// The drawing in words: every call with its times, in order.
    private static func summary(_ timeline: RunTimeline, models: [RunTimeline.ModelCall], toolRows: Int) -> String {
        var sentences = ["Timing lanes of a run that took \(SecondsText.duration(timeline.duration))."]
        if let end = startUpEnd(timeline, models: models) {
            sentences.append("The first model call began at \(SecondsText.time(end)) s, after start-up.")
        }
        if !models.isEmpty {
            let calls = models.map { call in
                var text = "\(call.label) \(SecondsText.span(call.start, call.end))"
                if call.isStreamed, let first = call.firstEvent {
                    text += ", first event at \(SecondsText.time(first)) s"
                }
                return text
            }
            sentences.append("Model calls: " + calls.joined(separator: "; ") + ".")
        }
        let tools = timeline.toolCalls.sorted { $0.start != $1.start ? $0.start < $1.start : $0.step < $1.step }
        if !tools.isEmpty {
            let calls = tools.map { call in
                call.isMeasured
                    ? "\(call.name) in step \(call.step) \(SecondsText.span(call.start, call.end))"
                    : "step \(call.step) tools, not measured call by call, \(SecondsText.span(call.start, call.end))"
            }
            let rows = toolRows == 1 ? "one row" : "\(toolRows) rows, one per call running at the same time"
            sentences.append("Tool calls, in \(rows): " + calls.joined(separator: "; ") + ".")
        }
        return sentences.joined(separator: " ")
    }
}
