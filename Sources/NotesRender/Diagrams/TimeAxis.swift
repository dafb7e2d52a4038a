/// A time axis in seconds with round ticks: steps of 1, 2 or 5 times a power of ten.
struct TimeAxis: Hashable, Sendable {
    /// The time at the right end of the plot.
    var end: Double
    /// The distance between ticks.
    var step: Double

    /// At most this many intervals between ticks, so that tick labels never crowd each other
    /// in a 640-unit-wide drawing.
    static let maximumIntervals = 8.0

    /// An axis from 0 to `end`; `roundedUp` moves the end to the next tick (hand-drawn figures look
    /// tidier that way) while a run's axis ends exactly at its last moment.
    init(end: Double, roundedUp: Bool) {
        let end = end > 0 && end.isFinite ? end : 1
        var step = 1e-3
        // The smallest round step that keeps the tick count readable.
        search: while true {
            for factor in [1.0, 2.0, 5.0] where end / (step * factor) <= Self.maximumIntervals + 1e-9 {
                step *= factor
                break search
            }
            step *= 10
        }
        self.step = step
        self.end = roundedUp ? (end / step - 1e-9).rounded(.up) * step : end
    }

    /// Tick times from 0 up to the end, computed by multiplying rather than adding so that
    /// rounding does not pile up.
    var ticks: [Double] {
        let count = Int((end / step + 1e-9).rounded(.down))
        return (0...max(0, count)).map { Double($0) * step }
    }

    /// Decimals needed to print a tick exactly: 0 for whole seconds, 1 for tenths, and so on.
    var decimals: Int {
        var decimals = 0
        var unit = 1.0
        while unit > step + 1e-12 {
            unit /= 10
            decimals += 1
        }
        return decimals
    }

    /// The label under a tick: `0 s`, `0.5 s`, `2 s`.
    func label(_ tick: Double) -> String {
        DecimalText.format(tick, decimals: decimals, trimZeros: true) + " s"
    }
}
