/// How a fresh replay's output differs from the stored transcript's: what `notes check` reports.
package struct OutputDrift: Sendable {
    /// Unified-diff lines (`-` stored, `+` now, two-space context), at most ``limit`` of them.
    package var lines: [String]

    /// The differences between the stored and the new run (output lines and exit status), or nil
    /// when they printed the same.
    package static func compare(stored: Transcript, now: Transcript, limit: Int = 40) -> OutputDrift? {
        let old = stored.output.lines.map(Self.show) + ["[\(stored.exit.summary)]"]
        let new = now.output.lines.map(Self.show) + ["[\(now.exit.summary)]"]
        guard old != new else { return nil }
        return OutputDrift(lines: Array(unifiedDiff(old, new).prefix(limit)))
    }

    private static func show(_ line: Transcript.Output.Line) -> String {
        line.stream == "stdout" ? line.text : "[\(line.stream)] \(line.text)"
    }

    /// A line diff with three lines of context around changes (longest common subsequence).
    package static func unifiedDiff(_ old: [String], _ new: [String]) -> [String] {
        // Trim the common head and tail first: outputs usually differ in a few lines only.
        var head = 0
        while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
        var tail = 0
        while tail < old.count - head, tail < new.count - head, old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
        let a = Array(old[head..<(old.count - tail)])
        let b = Array(new[head..<(new.count - tail)])
        var lengths = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var body: [String] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                body.append("  " + a[i])
                i += 1
                j += 1
            } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                body.append("+ " + b[j])
                j += 1
            } else {
                body.append("- " + a[i])
                i += 1
            }
        }
        let before = old[max(0, head - 3)..<head].map { "  " + $0 }
        let after = old[(old.count - tail)..<min(old.count, old.count - tail + 3)].map { "  " + $0 }
        let header = "@@ line \(max(1, head - 2)) @@"
        return [header] + before + body + after
    }
}
