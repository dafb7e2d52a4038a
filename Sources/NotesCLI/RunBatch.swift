import Foundation
import NotesDiagnostics
import NotesRunner

/// How one listing's run ended, for the summary.
struct RunOutcome: Sendable {
    var listing: RunnableListing
    var result: Result<RunResult, RunError>
    var seconds: Double

    var succeeded: Bool {
        if case .success(let run) = result { return run.transcript.exit.isSuccess }
        return false
    }

    var wasInterrupted: Bool {
        if case .failure(let error) = result { return error.code == .interrupted }
        return false
    }
}

/// Runs listings, at most `jobs` at once, reporting progress; results come back in the order given.
struct RunBatch: Sendable {
    var runner: ListingRunner
    var options: RunOptions
    var jobs: Int
    var reporter: any RunReporter

    func run(_ listings: [RunnableListing]) async -> [RunOutcome] {
        await reporter.begin(listings)
        let outcomes = await withTaskGroup(of: (Int, RunOutcome).self) { group in
            var outcomes = [RunOutcome?](repeating: nil, count: listings.count)
            var next = 0
            func start(_ index: Int) {
                let listing = listings[index]
                group.addTask {
                    let start = ContinuousClock.now
                    await reporter.update(listing, .preparing("starting"))
                    let result: Result<RunResult, RunError>
                    do throws(RunError) {
                        result = .success(try await runner.run(listing, options: options) { event in
                            Task { await reporter.update(listing, event) }
                        })
                    } catch {
                        result = .failure(error)
                    }
                    let elapsed = ContinuousClock.now - start
                    let outcome = RunOutcome(listing: listing, result: result,
                                             seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                    await reporter.finish(outcome)
                    return (index, outcome)
                }
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
}

/// Runs `body` in a task that SIGINT (Ctrl-C) and SIGTERM cancel, so running listings are stopped
/// and nothing half-made is written.
enum Interruptible {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        let work = Task { await body() }
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { work.cancel() }
            source.resume()
            return source
        }
        let value = await work.value
        sources.forEach { $0.cancel() }
        for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
        return value
    }
}
