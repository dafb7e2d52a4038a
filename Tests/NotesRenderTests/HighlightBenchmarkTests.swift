import Foundation
import NotesRender
import Testing

/// Throughput figures, printed rather than asserted (wall-clock time is not a test's business).
/// Runs only with `BENCH=1`; `bench/highlight` runs it in a release build.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["BENCH"] == "1"))
struct HighlightBenchmarkTests {
    @Test func reportsMedianTimePerListing() throws {
        let highlighter = SyntaxHighlighter()
        let listings: [(String, String)] = [
            ("python", try HighlightFixture.parallelTools()), ("json", HighlightSample.json),
            ("shell", HighlightSample.shell), ("console", HighlightSample.console), ("swift", HighlightSample.swift),
        ]
        for (language, code) in listings {
            let bytes = code.utf8.count
            let lines = code.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            let (median, fastest) = Self.microseconds(iterations: 2_000) {
                _ = highlighter.highlight(code, language: language)
            }
            let megabytesPerSecond = Double(bytes) / median  // bytes per µs = MB/s
            print(
                String(
                    format: "highlight %-8@ %4d lines %6d B  median %8.2f µs  %7.1f MB/s  (fastest %.2f µs)",
                    language, lines, bytes, median, megabytesPerSecond, fastest))
        }
        let (setup, _) = Self.microseconds(iterations: 500) { _ = SyntaxHighlighter() }
        print(String(format: "SyntaxHighlighter() setup (word tables)  median %8.2f µs", setup))
    }

    /// Median and fastest wall-clock time of `body`, after a warm-up, in microseconds. The fastest run
    /// shows what a busy machine (other builds, a shared CI host) takes off the median.
    private static func microseconds(iterations: Int, _ body: () -> Void) -> (median: Double, fastest: Double) {
        for _ in 0..<max(10, iterations / 10) { body() }
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let elapsed = clock.measure(body)
            samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
        }
        samples.sort()
        return (samples[samples.count / 2], samples[0])
    }
}
