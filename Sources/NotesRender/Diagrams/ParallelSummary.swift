import NotesRecords

/// "What parallel bought": for each step with several tool calls, their span against their sum,
/// and for the whole run, the measured time against the same run with every step's tools one after
/// another, and with every step's tools all at once.
///
/// Computed from measured tool calls only; a whole tool phase that was not measured call by call
/// (``RunTimeline/ToolCall/isMeasured`` false) says nothing about what running its calls
/// differently would change, so it is left out.
package struct ParallelSummary: Hashable, Sendable {
    /// One step that ran two or more measured tool calls.
    package struct Step: Hashable, Sendable {
        /// The step's number.
        package var step: Int
        /// How many measured tool calls it ran.
        package var calls: Int
        /// The step's tool span: last end minus first start.
        package var together: Double
        /// The sum of the calls' durations.
        package var oneAfterAnother: Double

        /// Creates a step's figures.
        package init(step: Int, calls: Int, together: Double, oneAfterAnother: Double) {
            self.step = step
            self.calls = calls
            self.together = together
            self.oneAfterAnother = oneAfterAnother
        }
    }

    /// Steps with two or more measured tool calls, in step order.
    package var steps: [Step]
    /// The run's duration.
    package var measured: Double
    /// `measured - Σ span + Σ sum of calls`, over every step with measured tool calls.
    package var allSequential: Double
    /// `measured - Σ span + Σ longest call`, over every step with measured tool calls.
    package var allParallel: Double

    /// The figures of `timeline`.
    package init(_ timeline: RunTimeline) {
        let measuredCalls = timeline.toolCalls.filter(\.isMeasured)
        let stepNumbers = Array(Set(measuredCalls.map(\.step))).sorted()
        var steps: [Step] = []
        var spans = 0.0
        var sums = 0.0
        var longest = 0.0
        for number in stepNumbers {
            let calls = measuredCalls.filter { $0.step == number }
            let durations = calls.map { max(0, $0.end - $0.start) }
            let span = max(0, calls.map(\.end).max()! - calls.map(\.start).min()!)
            let sum = durations.reduce(0, +)
            spans += span
            sums += sum
            longest += durations.max()!
            if calls.count >= 2 {
                steps.append(Step(step: number, calls: calls.count, together: span, oneAfterAnother: sum))
            }
        }
        self.steps = steps
        measured = timeline.duration
        allSequential = timeline.duration - spans + sums
        allParallel = timeline.duration - spans + longest
    }

    /// Sentences for the page: one per step with several calls, then one for the whole run when
    /// any step ran several calls (with one call per step, every figure would equal the measured one).
    package var sentences: [String] {
        var sentences = steps.map { step in
            "Step \(step.step): \(step.calls) calls took \(SecondsText.duration(step.together)) together; one after another "
                + "\(SecondsText.duration(step.oneAfterAnother))."
        }
        if !steps.isEmpty {
            sentences.append(
                "Whole run: \(SecondsText.duration(measured)) measured; \(SecondsText.duration(allSequential)) with every step's tools one "
                    + "after another; \(SecondsText.duration(allParallel)) with each step's tools all at once."
            )
        }
        return sentences
    }
}
