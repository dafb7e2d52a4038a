/// Where the boxes of a ``TurnDiagram`` go; the drawing widens rather than letting text overflow.
struct TurnLayout {
    /// A box with its lines of text (already cut to fit).
    struct Box {
        var x = 0.0, y = 0.0, width: Double, height: Double
        var lines: [String]
        var centerY: Double { y + height / 2 }
    }

    static let fontSize = 12.0
    /// Labels longer than this (in units) are cut with an ellipsis: a figure is not a transcript.
    static let longestText = 260.0

    var width = 640.0
    var height = 0.0
    var centerY = 0.0
    var model: Box
    var next: Box
    var calls: [Box]
    /// Where "run at the same time" goes, above the calls, when there are several.
    var togetherNote: (x: Double, y: Double)?

    init(_ diagram: TurnDiagram) {
        let count = diagram.calls.count
        model = Self.box([diagram.turnLabel, count == 1 ? "1 tool_use block" : "\(count) tool_use blocks"])
        next = Self.box([diagram.nextLabel, count == 1 ? "1 tool_result" : "\(count) tool_results together"])
        let hasDetail = diagram.calls.contains { !$0.detail.isEmpty }
        calls = diagram.calls.map { call in
            let name = TextMetrics.truncate(call.name, toFit: Self.longestText - 60, fontSize: Self.fontSize)
            let detail = TextMetrics.truncate(call.detail, toFit: Self.longestText, fontSize: Self.fontSize)
            // "tool_use " is set smaller than the name; counting it at full size keeps the estimate generous.
            let textWidth = max(
                TextMetrics.width("tool_use " + name, fontSize: Self.fontSize), TextMetrics.width(detail, fontSize: Self.fontSize))
            return Box(width: max(160, textWidth + 24), height: hasDetail ? 42 : 28, lines: detail.isEmpty ? [name] : [name, detail])
        }
        let callWidth = calls.map(\.width).max() ?? 160
        let gap = max(56, (width - 16 - model.width - callWidth - next.width) / 2)
        width = 16 + model.width + callWidth + next.width + 2 * gap
        let columnTop = count > 1 ? 26.0 : 8.0
        let spacing = 10.0
        let columnHeight = calls.reduce(0) { $0 + $1.height } + spacing * Double(max(0, count - 1))
        let content = max(columnHeight, model.height)
        centerY = columnTop + content / 2
        model.x = 8
        model.y = centerY - model.height / 2
        next.x = width - 8 - next.width
        next.y = model.y
        var y = columnTop + (content - columnHeight) / 2
        let callX = model.x + model.width + gap
        for index in calls.indices {
            calls[index].x = callX
            calls[index].y = y
            calls[index].width = callWidth
            y += calls[index].height + spacing
        }
        if count > 1 { togetherNote = (callX + callWidth / 2, 16) }
        height = columnTop + content + 8
    }

    private static func box(_ lines: [String]) -> Box {
        let lines = lines.map { TextMetrics.truncate($0, toFit: longestText, fontSize: fontSize) }
        let textWidth = lines.map { TextMetrics.width($0, fontSize: fontSize) }.max() ?? 0
        return Box(width: max(120, textWidth + 24), height: 46, lines: lines)
    }
}
