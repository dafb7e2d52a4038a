/// Byte offsets of each line of a Markdown body, for reading a fence line back from the source.
struct SourceLines {
    /// A fence found at the start of a code block's first line.
    struct Fence {
        /// The info string after the fence, trimmed.
        var info: Substring
        /// The 1-based byte column where `info` starts.
        var infoColumn: Int
    }

    private let source: String
    private let lineStarts: [String.Index]

    init(_ source: String) {
        self.source = source
        var starts = [source.startIndex]
        var index = source.utf8.startIndex
        let utf8 = source.utf8
        while let newline = utf8[index...].firstIndex(of: UInt8(ascii: "\n")) {
            index = utf8.index(after: newline)
            starts.append(index)
        }
        self.lineStarts = starts
    }

    /// The fence of a code block that starts at `line`, `column` (1-based), or nil for indented code.
    func fence(onLine line: Int, fromColumn column: Int) -> Fence? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let utf8 = source.utf8
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] : utf8.endIndex
        let bytes = utf8[start..<end]
        guard let fenceStart = bytes.index(bytes.startIndex, offsetBy: column - 1, limitedBy: bytes.endIndex),
            fenceStart < bytes.endIndex
        else { return nil }
        let fenceChar = bytes[fenceStart]
        guard fenceChar == UInt8(ascii: "`") || fenceChar == UInt8(ascii: "~") else { return nil }
        var index = fenceStart
        while index < bytes.endIndex, bytes[index] == fenceChar { index = utf8.index(after: index) }
        guard utf8.distance(from: fenceStart, to: index) >= 3 else { return nil }
        while index < bytes.endIndex, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index = utf8.index(after: index)
        }
        var infoEnd = bytes.endIndex
        while infoEnd > index {
            let previous = utf8.index(before: infoEnd)
            let byte = utf8[previous]
            guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") else {
                break
            }
            infoEnd = previous
        }
        let infoColumn = utf8.distance(from: start, to: index) + 1
        return Fence(info: source[index..<infoEnd], infoColumn: infoColumn)
    }
}
