/// Where everything of a ``LaneChart`` goes, in SVG user units; computed once, then written out.
///
/// The drawing is 640 units wide and scales to the column, so these units are roughly CSS pixels
/// at the site's usual column width. x positions are proportional to time: `x(t)` is the only
/// mapping from time to space.
struct LaneChartLayout {
    /// A bar with its place and its row (counted over the whole chart, top to bottom).
    struct PlacedBar: Hashable {
        /// What is drawn.
        var bar: LaneChart.Bar
        /// 0-based, over the whole chart.
        var row: Int
        /// The bar's box (its height is ``LaneChartLayout/barHeight``).
        var x: Double, y: Double, width: Double
    }

    /// A line of text; `leader` joins a label set below its bar to the bar.
    struct PlacedLabel: Hashable {
        /// What the text sits on, which decides its colour and halo; the raw value is its class.
        enum Tone: String, Hashable {
            case onModel = "dg-on-model"
            case onTool = "dg-on-tool"
            case onUnmeasured = "dg-on-unmeasured"
            case beside = "dg-beside"
        }
        /// A vertical line from a bar's bottom edge down to its label.
        struct Leader: Hashable { var x: Double, top: Double, bottom: Double }
        /// The words.
        var text: String
        /// Where the text starts (or ends, when `anchorsEnd`), at its baseline.
        var x: Double, y: Double
        /// Whether `x` is where the text ends rather than starts.
        var anchorsEnd: Bool
        /// Colour and halo.
        var tone: Tone
        /// Set for a label placed below its bar.
        var leader: Leader?
    }

    /// An entry of the legend: a swatch (a style, or the first-event mark) and its words.
    struct LegendItem: Hashable {
        /// The swatch's style; nil for the first-event mark.
        var style: LaneChart.Style?
        /// The entry's words.
        var text: String
        /// The swatch's left edge and the text's baseline.
        var x: Double, y: Double
    }

    /// The viewBox width; the drawing scales to the column from there.
    static let width = 640.0
    /// Labels and group names.
    static let fontSize = 12.0
    /// Tick labels and the legend.
    static let tickFontSize = 11.0
    /// Tall enough for a 12-unit label inside a bar.
    static let barHeight = 18.0
    /// One line of labels set below a row.
    static let lineHeight = 14.0

    /// x of time 0; the group names sit left of it.
    var plotLeft: Double
    /// x of the axis end.
    var plotRight: Double
    /// y of the top of the first row.
    var plotTop = 8.0
    /// y of the time axis, under the last row.
    var axisY = 0.0
    /// The viewBox height.
    var height = 0.0
    /// The chart's time axis.
    var axis: TimeAxis
    /// Every bar, row by row.
    var bars: [PlacedBar] = []
    /// Bar labels, in the order of ``bars``.
    var labels: [PlacedLabel] = []
    /// Group names in the left column.
    var groupLabels: [PlacedLabel] = []
    /// y of the rules between groups.
    var separators: [Double] = []
    var legend: [LegendItem] = []

    /// The x of time `t`: proportional, from the plot's left edge (time 0) to its right edge (the axis end).
    func x(_ t: Double) -> Double {
        plotLeft + t / axis.end * (plotRight - plotLeft)
    }

    /// Lays out `chart`: rows top to bottom, labels placed by ``RowLabeler``, then the axis and legend.
    init(_ chart: LaneChart) {
        axis = chart.axis
        let longestName = chart.groups.map { TextMetrics.width($0.name, fontSize: Self.fontSize) }.max() ?? 0
        plotLeft = min(160, max(24, longestName > 0 ? longestName + 20 : 0))
        plotRight = Self.width - 24
        var y = plotTop
        var row = 0
        for (index, group) in chart.groups.enumerated() {
            if index > 0 {
                separators.append(y + 2)
                y += 5
            }
            for (rowIndex, bars) in group.rows.enumerated() {
                let barY = y + (bars.contains { $0.firstEvent != nil } ? 9 : 4)
                if rowIndex == 0, !group.name.isEmpty {
                    let name = TextMetrics.truncate(group.name, toFit: plotLeft - 14, fontSize: Self.fontSize)
                    groupLabels.append(PlacedLabel(text: name, x: 6, y: barY + Self.barHeight / 2 + 4, anchorsEnd: false, tone: .beside))
                }
                y = barY + Self.barHeight + Double(place(bars, row: row, barY: barY)) * Self.lineHeight + 4
                row += 1
            }
        }
        if bars.isEmpty {
            // Say so in words rather than draw an axis over nothing.
            labels.append(PlacedLabel(text: "Nothing was recorded.", x: plotLeft + 4, y: y + 14, anchorsEnd: false, tone: .beside))
            y += 22
        }
        axisY = max(y, plotTop + 12) + 2
        height = axisY + 22
        if chart.showsLegend { layOutLegend(chart) }
    }

    /// Places a row's bars and their labels; returns how many label lines it needed below the bars.
    private mutating func place(_ row: [LaneChart.Bar], row index: Int, barY: Double) -> Int {
        // A bar keeps its true start; a bar too short to see gets a hairline's width so that it is not lost.
        let placed = row.map { PlacedBar(bar: $0, row: index, x: x($0.start), y: barY, width: max(1.5, x($0.end) - x($0.start))) }
        bars += placed
        var labeler = RowLabeler(left: plotLeft, right: Self.width - 4, bars: placed.map { ($0.x, $0.width) })
        var lines = 0
        for (bar, slot) in zip(placed, placed.map { labeler.place($0.bar.label, x: $0.x, width: $0.width, fontSize: Self.fontSize) }) {
            let baseline = barY + Self.barHeight / 2 + 4
            switch slot {
            case .inside(let x):
                let tone: PlacedLabel.Tone =
                    switch bar.bar.style {
                    case .model: .onModel
                    case .tool: .onTool
                    case .unmeasured, .startUp: .onUnmeasured
                    }
                labels.append(PlacedLabel(text: bar.bar.label, x: x, y: baseline, anchorsEnd: false, tone: tone))
            case .beside(let x, let anchorsEnd):
                labels.append(PlacedLabel(text: bar.bar.label, x: x, y: baseline, anchorsEnd: anchorsEnd, tone: .beside))
            case .below(let x, let line):
                lines = max(lines, line)
                let textY = barY + Self.barHeight + Double(line) * Self.lineHeight - 2
                let leader = PlacedLabel.Leader(x: bar.x + min(0.75, bar.width / 2), top: barY + Self.barHeight, bottom: textY - 8)
                labels.append(PlacedLabel(text: bar.bar.label, x: x, y: textY, anchorsEnd: false, tone: .beside, leader: leader))
            }
        }
        return lines
    }

    /// Legend entries left to right under the axis, wrapping to a new line when the width runs out.
    private mutating func layOutLegend(_ chart: LaneChart) {
        var entries: [(LaneChart.Style?, String)] = chart.stylesInUse.map { ($0, $0.legend) }
        if chart.hasFirstEvents { entries.append((nil, "first event of a streamed response")) }
        guard !entries.isEmpty else { return }
        var x = plotLeft
        var y = axisY + 30
        for (style, text) in entries {
            let width = 22 + TextMetrics.width(text, fontSize: Self.tickFontSize)
            if x + width > Self.width - 4, x > plotLeft {
                x = plotLeft
                y += 16
            }
            legend.append(LegendItem(style: style, text: text, x: x, y: y))
            x += width + 16
        }
        height = y + 10
    }
}
