/// Decides where each bar's label goes in one row, so that no label overflows its bar or covers
/// another bar or label.
///
/// In order of preference: inside the bar; beside it on the right, then on the left, when the gap
/// is wide enough; else on a line below the row, joined to the bar by a leader. Widths are
/// estimated (``TextMetrics``), so the gaps kept between things are generous.
struct RowLabeler {
    /// Where one label went.
    enum Slot: Hashable {
        /// Starts at x inside the bar.
        case inside(x: Double)
        /// On the bar's line, starting (or, when `anchorsEnd`, ending) at x.
        case beside(x: Double, anchorsEnd: Bool)
        /// On line `line` (1, 2, ...) below the bars, starting at x.
        case below(x: Double, line: Int)
    }

    /// Between a label and the bar it belongs to, or the bar's edge when inside.
    static let padding = 4.0
    /// Between two labels on a line below the row, so that they read as two.
    static let gap = 8.0

    private let left: Double
    private let right: Double
    /// Horizontal intervals already used, per line; line 0 is the bars' own line.
    private var taken: [[ClosedRange<Double>]]

    /// A labeler for a row whose bars cover `bars` (x and width); labels stay within `left...right`.
    init(left: Double, right: Double, bars: [(x: Double, width: Double)]) {
        self.left = left
        self.right = right
        taken = [bars.map { $0.x...($0.x + $0.width) }]
    }

    /// Places `text` for the bar at `x` of `width`; call for the bars from left to right.
    mutating func place(_ text: String, x: Double, width: Double, fontSize: Double) -> Slot {
        let textWidth = TextMetrics.width(text, fontSize: fontSize)
        if textWidth + 2 * Self.padding <= width { return .inside(x: x + Self.padding) }
        let rightSide = (x + width + Self.padding)...(x + width + Self.padding + textWidth)
        if rightSide.upperBound <= right, isFree(rightSide, line: 0, gap: Self.padding) {
            taken[0].append(rightSide)
            return .beside(x: rightSide.lowerBound, anchorsEnd: false)
        }
        let leftSide = (x - Self.padding - textWidth)...(x - Self.padding)
        if leftSide.lowerBound >= left, isFree(leftSide, line: 0, gap: Self.padding) {
            taken[0].append(leftSide)
            return .beside(x: leftSide.upperBound, anchorsEnd: true)
        }
        // Below the bar, starting just right of its leader, pulled left if it would leave the drawing.
        let start = max(4, min(x + 3, right - textWidth))
        let below = start...(start + textWidth)
        var line = 1
        while line < taken.count, !isFree(below, line: line, gap: Self.gap) { line += 1 }
        if line == taken.count { taken.append([]) }
        taken[line].append(below)
        return .below(x: start, line: line)
    }

    private func isFree(_ range: ClosedRange<Double>, line: Int, gap: Double) -> Bool {
        !taken[line].contains { $0.lowerBound - gap < range.upperBound && range.lowerBound < $0.upperBound + gap }
    }
}
