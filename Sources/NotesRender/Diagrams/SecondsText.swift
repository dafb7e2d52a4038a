/// How times and durations read on diagrams and in sentences: `0.41 s`.
///
/// Always two decimals, so that labels in a column line up and the same run prints the same bytes.
/// Durations under 10 ms would read `0.00 s`, which is false, so they are given in milliseconds.
enum SecondsText {
    /// A duration: `1.35 s`, `7 ms`, `<1 ms`.
    static func duration(_ seconds: Double) -> String {
        let value = max(0, seconds)
        if value == 0 || value >= 0.01 { return DecimalText.format(value, decimals: 2, trimZeros: false) + " s" }
        let milliseconds = (value * 1000).rounded()
        return milliseconds < 1 ? "<1 ms" : DecimalText.format(milliseconds, decimals: 0, trimZeros: true) + " ms"
    }

    /// A point in time, without the unit: `2.61`.
    static func time(_ seconds: Double) -> String {
        DecimalText.format(seconds, decimals: 2, trimZeros: false)
    }

    /// A span of time for descriptions: `from 2.61 s to 3.02 s (0.41 s)`.
    static func span(_ start: Double, _ end: Double) -> String {
        "from \(time(start)) s to \(time(end)) s (\(duration(end - start)))"
    }
}
