import NotesRecords
import NotesRender
import Testing

/// "What parallel bought", against arithmetic done by hand.
@Suite struct DiagramParallelSummaryTests {
    @Test func seedRunStepTwoAndWholeRun() {
        let summary = ParallelSummary(DiagramFixture.seedRun)
        // Step 2: together = last end - first start = 3.02 - 2.61 = 0.41; one after another = 0.41 + 0.37 = 0.78.
        #expect(summary.steps.count == 1)
        #expect(summary.steps[0].step == 2 && summary.steps[0].calls == 2)
        #expect(abs(summary.steps[0].together - 0.41) < 1e-9)
        #expect(abs(summary.steps[0].oneAfterAnother - 0.78) < 1e-9)
        // Steps with tools: 1 (0.04 s), 2 (span 0.41, sum 0.78, longest 0.41), 3 (0.05 s).
        // Σ span = 0.04 + 0.41 + 0.05 = 0.50; Σ sum = 0.04 + 0.78 + 0.05 = 0.87; Σ longest = 0.04 + 0.41 + 0.05 = 0.50.
        // all sequential = 5.10 - 0.50 + 0.87 = 5.47; all parallel = 5.10 - 0.50 + 0.50 = 5.10.
        #expect(summary.measured == 5.10)
        #expect(abs(summary.allSequential - 5.47) < 1e-9)
        #expect(abs(summary.allParallel - 5.10) < 1e-9)
        #expect(
            summary.sentences == [
                "Step 2: 2 calls took 0.41 s together; one after another 0.78 s.",
                "Whole run: 5.10 s measured; 5.47 s with every step's tools one after another; 5.10 s with each step's tools all at once.",
            ])
    }

    @Test func callsRunOneAfterAnotherCouldHaveOverlapped() {
        let timeline = RunTimeline(
            duration: 4.0, modelCalls: [],
            toolCalls: [
                // Step 1, run in a loop: 1.0-1.2, 1.2-1.5, 1.5-1.6.
                .init(step: 1, name: "a", id: "1", start: 1.0, end: 1.2, isMeasured: true),
                .init(step: 1, name: "b", id: "2", start: 1.2, end: 1.5, isMeasured: true),
                .init(step: 1, name: "c", id: "3", start: 1.5, end: 1.6, isMeasured: true),
                // Step 2, partly together: 2.5-3.0 and 2.6-2.8.
                .init(step: 2, name: "d", id: "4", start: 2.5, end: 3.0, isMeasured: true),
                .init(step: 2, name: "e", id: "5", start: 2.6, end: 2.8, isMeasured: true),
                // Step 3 was not measured call by call, so it says nothing about parallelism.
                .init(step: 3, name: "tools", id: "", start: 3.2, end: 3.5, isMeasured: false),
            ])
        let summary = ParallelSummary(timeline)
        // Step 1: span 1.6 - 1.0 = 0.6; sum 0.2 + 0.3 + 0.1 = 0.6; longest 0.3.
        // Step 2: span 3.0 - 2.5 = 0.5; sum 0.5 + 0.2 = 0.7; longest 0.5.
        // all sequential = 4.0 - (0.6 + 0.5) + (0.6 + 0.7) = 4.2; all parallel = 4.0 - 1.1 + (0.3 + 0.5) = 3.7.
        #expect(summary.steps.map(\.step) == [1, 2])
        #expect(summary.steps.map(\.calls) == [3, 2])
        #expect(abs(summary.allSequential - 4.2) < 1e-9)
        #expect(abs(summary.allParallel - 3.7) < 1e-9)
        #expect(
            summary.sentences == [
                "Step 1: 3 calls took 0.60 s together; one after another 0.60 s.",
                "Step 2: 2 calls took 0.50 s together; one after another 0.70 s.",
                "Whole run: 4.00 s measured; 4.20 s with every step's tools one after another; 3.70 s with each step's tools all at once.",
            ])
    }

    @Test func aRunWithOneCallPerStepHasNothingToSay() {
        let timeline = DiagramTimelineTests.run(tools: [("a", 1.0, 1.3)])
        let summary = ParallelSummary(timeline)
        #expect(summary.steps.isEmpty)
        #expect(summary.allSequential == summary.measured && summary.allParallel == summary.measured)
        #expect(summary.sentences.isEmpty)
    }
}
