import NotesRecords

/// Named bars on a time axis, in groups: an authored `lanes` figure.
///
/// Within a group, bars that overlap in time go on separate rows and bars that follow one another
/// share a row end to end (``RowPacking``), exactly as a run's timing lanes are drawn.
package struct LanesDiagram: Hashable, Sendable {
    /// How a bar is drawn, named in the fence's words.
    package enum Style: String, Hashable, Sendable, CaseIterable {
        /// Solid, like a model call.
        case model
        /// Hatched, like a tool call; the default.
        case tool
        /// Dashed outline: time spent waiting, or not measured call by call.
        case wait

        /// The drawing style this names.
        var chartStyle: LaneChart.Style {
            switch self {
            case .model: .model
            case .tool: .tool
            case .wait: .unmeasured
            }
        }
    }

    /// One named span of time, in seconds.
    package struct Bar: Hashable, Sendable {
        /// Shown on the bar with its duration.
        package var name: String
        /// Seconds from 0.
        package var start: Double
        /// Seconds from 0, not before `start`.
        package var end: Double
        /// How the bar is filled.
        package var style: Style

        /// Creates a bar.
        package init(name: String, start: Double, end: Double, style: Style = .tool) {
            self.name = name
            self.start = start
            self.end = end
            self.style = style
        }
    }

    /// Bars under one name; the name is empty for bars written before any `group` line.
    package struct Group: Hashable, Sendable {
        /// Shown left of the group's first row; may be empty.
        package var name: String
        /// In the order written; rows are worked out when drawing.
        package var bars: [Bar]

        /// Creates a group.
        package init(name: String, bars: [Bar]) {
            self.name = name
            self.bars = bars
        }
    }

    /// Top to bottom.
    package var groups: [Group]
    /// Where the axis ends, in seconds; nil fits the axis to the bars, rounded up to a tick.
    package var axisEnd: Double?

    /// Creates a diagram.
    package init(groups: [Group], axisEnd: Double? = nil) {
        self.groups = groups
        self.axisEnd = axisEnd
    }
}

// MARK: - Drawing

extension LanesDiagram {
    /// A complete `<svg>` element; see ``Diagram/svg(title:idPrefix:)``.
    package func svg(title: String, idPrefix: String) -> String {
        chart.svg(title: title, idPrefix: idPrefix)
    }

    /// The chart this diagram draws.
    var chart: LaneChart {
        let groups = groups.map { group in
            LaneChart.Group(name: group.name, rows: RowPacking.pack(group.bars.map(Self.bar)) { ($0.start, $0.end) })
        }
        var chart = LaneChart(
            groups: groups, axis: TimeAxis(end: 1, roundedUp: false), showsLegend: false,
            summary: summary, kindClass: "diagram-lanes")
        chart.axis = axisEnd.map { TimeAxis(end: $0, roundedUp: false) } ?? TimeAxis(end: chart.latestEnd, roundedUp: true)
        // One style needs no key; two or more do, because colour alone must not carry meaning.
        chart.showsLegend = chart.stylesInUse.count > 1
        return chart
    }

    private static func bar(_ bar: Bar) -> LaneChart.Bar {
        LaneChart.Bar(
            start: bar.start, end: bar.end, style: bar.style.chartStyle,
            label: "\(bar.name) · \(SecondsText.duration(bar.end - bar.start))",
            tooltip: "\(bar.name) \(SecondsText.span(bar.start, bar.end))")
    }

    /// The figure in words, group by group.
    private var summary: String {
        let parts = groups.map { group in
            let bars = group.bars.map { "\($0.name) \(SecondsText.span($0.start, $0.end))" }.joined(separator: "; ")
            return group.name.isEmpty ? bars + "." : "\(group.name): \(bars)."
        }
        return (["Bars on a time axis in seconds."] + parts).joined(separator: " ")
    }
}
