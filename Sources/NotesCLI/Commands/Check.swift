import ArgumentParser
import Foundation
import NotesDiagnostics
import NotesRender
import NotesRunner
import NotesSite
import NotesTransport

/// `notes check`: what CI runs. Fails on content errors, on stored runs that are missing or stale,
/// and on drift: every listing is replayed offline at full speed and must print what its stored
/// transcript says.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the notes and that every stored run still reproduces.",
        discussion: """
            Reads every note and template like `notes build` (writing nothing), fails on runnable \
            listings whose transcript is missing or stale (the listing, its cassette or the requirements \
            changed), then replays each listing offline with --fast and compares its output and exit \
            status with the stored transcript, printing a diff when they differ. Exits 1 on any finding. \
            Findings in draft notes are warnings unless --drafts is given: a draft may wait for its first run.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "How many listings to replay at once (default: the number of processors).")
    var jobs: Int?

    @Flag(help: "Only check that stored runs are present and fresh; do not replay them.")
    var noReplay = false

    @Flag(help: "Hold draft notes to the same bar as published ones (their findings are errors).")
    var drafts = false

    func run() async throws {
        let layout = ProjectLayout(root: global.projectRoot)
        let printer = DiagnosticPrinter()
        let runs: ProjectRuns
        do {
            runs = try await ProjectRuns.load(layout)
            _ = try TemplateSet(directory: layout.templates, displayPath: layout.display(layout.templates))
        } catch {
            printer.print(error.asDiagnostics)
            throw ExitCode(1)
        }
        var findings: [Diagnostic] = []
        var fresh: [StoredRun] = []
        for listing in runs.listings {
            let stored = StoredRun(listing, projectRoot: layout.root)
            if let finding = stored.finding(severity(of: listing, in: runs), in: layout) { findings.append(finding) } else { fresh.append(stored) }
        }
        if !noReplay, !fresh.isEmpty {
            findings += await replay(fresh, runs: runs, layout: layout)
        }
        printer.print(DiagnosticList(findings).diagnostics)
        let warnings = findings.filter { $0.severity != .error }.count
        findings.removeAll { $0.severity != .error }
        guard findings.isEmpty else {
            FileHandle.standardError.write(Data("notes check: \(findings.count) finding\(findings.count == 1 ? "" : "s")\n".utf8))
            throw ExitCode(1)
        }
        if !global.quiet {
            say("notes check: \(runs.listings.count) runnable listing\(runs.listings.count == 1 ? "" : "s") checked; "
                + (warnings == 0 ? "every" : "every published") + (noReplay ? " stored run is fresh" : " stored run is fresh and reproduces")
                + (warnings == 0 ? "." : "; \(warnings) warning\(warnings == 1 ? "" : "s") in drafts."))
        }
    }

    /// How a finding about `listing` counts: a warning in a draft (unless --drafts), else an error.
    private func severity(of listing: RunnableListing, in runs: ProjectRuns) -> Diagnostic.Severity {
        runs.isDraft(listing) && !drafts ? .warning : .error
    }

    /// Replays each fresh listing at full speed without keeping anything, and compares.
    private func replay(_ stored: [StoredRun], runs: ProjectRuns, layout: ProjectLayout) async -> [Diagnostic] {
        let runner = ListingRunner(projectRoot: layout.root, interpreters: runs.site.interpreters, toolVersion: NotesVersion.current)
        let options = RunOptions(mode: .replay, pace: .fast, keepsResults: false)
        let reporter: any RunReporter = global.quiet ? QuietRunLog() : PlainRunLog()
        let outcomes = await Interruptible.run {
            await RunBatch(runner: runner, options: options, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, reporter: reporter)
                .run(stored.map(\.listing))
        }
        var findings: [Diagnostic] = []
        for (outcome, stored) in zip(outcomes, stored) {
            let severity = severity(of: outcome.listing, in: runs)
            switch outcome.result {
            case .failure(let error):
                findings += error.diagnostics.map { var finding = $0; finding.severity = severity; return finding }
            case .success(let run):
                if let drift = OutputDrift.compare(stored: stored.transcript!, now: run.transcript) {
                    findings.append(Diagnostic(
                        severity, at: outcome.listing.location, "\(outcome.listing.name) no longer prints what its stored run shows",
                        help: "if the change is intended, refresh the run with `notes run \(outcome.listing.noteSlug)`",
                        reasons: drift.lines))
                }
            }
        }
        return findings
    }
}
