import Foundation
import NotesDiagnostics
import NotesRecords

/// How one listing's run in a batch ended.
package struct RunOutcome: Sendable {
    package var listing: RunnableListing
    package var result: Result<RunResult, RunError>
    /// Wall time of this listing in the batch, set-up included.
    package var seconds: Double

    package init(listing: RunnableListing, result: Result<RunResult, RunError>, seconds: Double) {
        self.listing = listing
        self.result = result
        self.seconds = seconds
    }

    /// The listing ran to the end and exited 0, and its run was stored (not set aside).
    package var succeeded: Bool {
        if case .success(let run) = result { return run.transcript.exit.isSuccess && run.setAside == nil }
        return false
    }

    /// Ctrl-C (or SIGTERM) stopped it, or it never started because of one.
    package var wasInterrupted: Bool {
        if case .failure(let error) = result { return error.code == .interrupted }
        return false
    }
}

/// The role of whatever shows how a batch is going (a terminal board, CI log lines, nothing).
package protocol RunReporter: Sendable {
    func begin(_ listings: [RunnableListing]) async
    func update(_ listing: RunnableListing, _ event: RunProgress) async
    func finish(_ outcome: RunOutcome) async
    func end() async
}

/// Runs listings, at most `jobs` at once, reporting progress; outcomes come back in the order given.
///
/// Ctrl-C and SIGTERM cancel the batch: running listings are stopped, listings not yet started count
/// as interrupted, and nothing half-made is written.
package struct ListingBatch: Sendable {
    package var runner: ListingRunner
    package var options: RunOptions
    package var jobs: Int
    package var reporter: any RunReporter

    package init(runner: ListingRunner, options: RunOptions, jobs: Int, reporter: any RunReporter) {
        self.runner = runner
        self.options = options
        self.jobs = max(1, jobs)
        self.reporter = reporter
    }

    /// Runs `listings` until done or interrupted.
    package func run(_ listings: [RunnableListing]) async -> [RunOutcome] {
        await Interruptible.run { await self.runAll(listings) }
    }

    private func runAll(_ listings: [RunnableListing]) async -> [RunOutcome] {
        await reporter.begin(listings)
        let outcomes = await withTaskGroup(of: (Int, RunOutcome).self) { group in
            var outcomes = [RunOutcome?](repeating: nil, count: listings.count)
            var next = 0
            func start(_ index: Int) {
                let listing = listings[index]
                group.addTask { (index, await self.runOne(listing)) }
            }
            while next < min(jobs, listings.count) {
                start(next)
                next += 1
            }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                if next < listings.count, !Task.isCancelled {
                    start(next)
                    next += 1
                }
            }
            // Listings never started because of Ctrl-C count as interrupted.
            return outcomes.enumerated().map { index, outcome in
                outcome ?? RunOutcome(listing: listings[index], result: .failure(RunError.interrupted(listings[index])), seconds: 0)
            }
        }
        await reporter.end()
        return outcomes
    }

    private func runOne(_ listing: RunnableListing) async -> RunOutcome {
        let start = ContinuousClock.now
        await reporter.update(listing, .preparing("starting"))
        let result: Result<RunResult, RunError>
        do throws(RunError) {
            let reporter = self.reporter
            result = .success(
                try await runner.run(listing, options: options) { event in
                    Task { await reporter.update(listing, event) }
                })
        } catch {
            result = .failure(error)
        }
        let outcome = RunOutcome(listing: listing, result: result, seconds: (ContinuousClock.now - start).seconds)
        await reporter.finish(outcome)
        return outcome
    }
}
