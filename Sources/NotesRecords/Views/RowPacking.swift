/// Assigns time spans to rows so that spans which overlap never share a row.
///
/// Greedy interval partitioning: spans are taken in order of start, and each goes to the first row
/// whose last span has ended by then. Calls that ran together therefore land on different rows,
/// and calls that ran one after another reuse a row and sit end to end. Taking spans by start time
/// makes the number of rows the most spans that were ever running at once, and no more.
package enum RowPacking {
    /// Spans that touch (one ends exactly when the next starts) count as one after another; this
    /// tolerance absorbs the last bits of binary rounding in recorded times.
    package static let tolerance = 1e-9

    /// The row of each span, in the order given: `rows(for: spans)[i]` is the 0-based row of `spans[i]`.
    package static func rows(for spans: [(start: Double, end: Double)]) -> [Int] {
        let order = startOrder(spans)
        var rowEnds: [Double] = []
        var result = Array(repeating: 0, count: spans.count)
        for index in order {
            let span = spans[index]
            if let free = rowEnds.firstIndex(where: { $0 <= span.start + tolerance }) {
                rowEnds[free] = max(span.start, span.end)
                result[index] = free
            } else {
                rowEnds.append(max(span.start, span.end))
                result[index] = rowEnds.count - 1
            }
        }
        return result
    }

    /// `items` grouped into rows by ``rows(for:)``; each row keeps the items' order by start.
    package static func pack<Item>(_ items: [Item], span: (Item) -> (start: Double, end: Double)) -> [[Item]] {
        let spans = items.map(span)
        let rows = rows(for: spans)
        var packed = Array(repeating: [Item](), count: (rows.max() ?? -1) + 1)
        for index in startOrder(spans) { packed[rows[index]].append(items[index]) }
        return packed
    }

    /// Indices of `spans` by start; spans that start together keep the order they were written or
    /// recorded in, so a figure's rows follow its source and the output is the same every time.
    private static func startOrder(_ spans: [(start: Double, end: Double)]) -> [Int] {
        spans.indices.sorted { spans[$0].start != spans[$1].start ? spans[$0].start < spans[$1].start : $0 < $1 }
    }
}
