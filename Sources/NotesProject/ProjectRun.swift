import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRecords
import NotesRunner
import NotesSite

/// What `notes run` does: finds the project's runnable listings (all, or those `selectors` name),
/// runs them through the transport at most `jobs` at once, and stores each one's run; with
/// ``writesTraces``, also each run as Chrome Trace Event JSON.
package struct ProjectRun: Sendable {
    package var layout: ProjectLayout
    /// Notes or listings to run (`03`, `03-do-it-all-at-once`, `03-do-it-all-at-once/parallel_tools.py`); empty for all.
    package var selectors: [String]
    package var options: RunOptions
    package var jobs: Int
    /// Also write `runs/<listing>.trace.json` for each run.
    package var writesTraces: Bool
    /// `notes`' version, written into transcripts and cassettes.
    package var toolVersion: String
    /// The `notes` executable that supervises each listing; see `ListingRunner.supervisor`.
    package var supervisor: URL?

    package init(layout: ProjectLayout, selectors: [String], options: RunOptions, jobs: Int, writesTraces: Bool, toolVersion: String) {
        self.layout = layout
        self.selectors = selectors
        self.options = options
        self.jobs = jobs
        self.writesTraces = writesTraces
        self.toolVersion = toolVersion
    }

    /// What a run of the project did.
    package struct Report: Sendable {
        /// One per listing, in the order the listings were selected.
        package var outcomes: [RunOutcome]
        /// The Chrome traces written.
        package var traces: [URL] = []
        /// Traces that could not be written.
        package var warnings: [Diagnostic] = []

        /// The exit status a command should end with: 130 when interrupted, 1 when a listing failed.
        package var exitStatus: Int32 {
            if outcomes.contains(where: \.wasInterrupted) { return 130 }
            return outcomes.allSatisfy(\.succeeded) ? 0 : 1
        }
    }

    /// Runs the selected listings; throws when the notes cannot be read or a selector matches nothing.
    package func run(reporter: any RunReporter) async throws(DiagnosticList) -> Report {
        let runs = try await ProjectRuns.load(layout)
        let listings: [RunnableListing]
        do { listings = try runs.select(selectors) } catch { throw DiagnosticList([error]) }
        let runner = ListingRunner(
            projectRoot: layout.root, interpreters: runs.site.interpreters, toolVersion: toolVersion, supervisor: supervisor)
        var report = Report(outcomes: await ListingBatch(runner: runner, options: options, jobs: jobs, reporter: reporter).run(listings))
        if writesTraces { writeTraces(into: &report) }
        return report
    }

    /// Writes `runs/<listing>.trace.json` beside each new transcript.
    private func writeTraces(into report: inout Report) {
        for outcome in report.outcomes {
            guard case .success(let run) = outcome.result, let bytes = ChromeTrace.json(run.transcript, name: outcome.listing.name) else {
                continue
            }
            do {
                try AtomicFile.write(bytes, to: outcome.listing.trace)
                report.traces.append(outcome.listing.trace)
            } catch {
                report.warnings.append(
                    Diagnostic(
                        .warning, at: outcome.listing.location, "cannot write the trace of \(outcome.listing.name)", reasons: ["\(error)"]))
            }
        }
    }
}
