extension Duration {
    /// The duration in seconds, as a Double: the one conversion every stage uses for timings.
    package var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Whole milliseconds, rounded, never negative: how records store times.
    package var wholeMilliseconds: Int {
        max(0, Int((seconds * 1000).rounded()))
    }
}
