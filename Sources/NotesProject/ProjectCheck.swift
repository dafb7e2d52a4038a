import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRecords
import NotesRender
import NotesRunner
import NotesSite
import NotesTransport

/// What `notes check` does, which CI runs: reads every note and template as `notes build` does
/// (writing nothing), fails on stored runs that are missing or stale, then replays every fresh
/// listing offline at full speed and fails when it no longer prints what its transcript shows.
///
/// Findings in notes marked `draft: true` are warnings unless ``holdsDraftsToTheSameBar``.
package struct ProjectCheck: Sendable {
    package var layout: ProjectLayout
    /// Replay fresh listings and compare their output (`--no-replay` turns it off).
    package var replays: Bool
    /// Findings in drafts are errors too (`--drafts`).
    package var holdsDraftsToTheSameBar: Bool
    /// How many listings replay at once.
    package var jobs: Int
    /// `notes`' version, written into the replays' transcripts (which are compared, never kept).
    package var toolVersion: String
    /// The `notes` executable that supervises each listing; see `ListingRunner.supervisor`.
    package var supervisor: URL?

    package init(layout: ProjectLayout, replays: Bool = true, holdsDraftsToTheSameBar: Bool = false, jobs: Int, toolVersion: String) {
        self.layout = layout
        self.replays = replays
        self.holdsDraftsToTheSameBar = holdsDraftsToTheSameBar
        self.jobs = jobs
        self.toolVersion = toolVersion
    }

    /// What a check found.
    package struct Report: Sendable {
        /// Every finding, errors and warnings, sorted by place.
        package var findings: [Diagnostic]
        /// How many runnable listings the project has.
        package var listings: Int
        /// How many of them have a fresh stored run, which was checked (and replayed, unless
        /// replays are off); the others are findings (a listing never run, a stale run, ...).
        package var checked: Int

        package var errors: [Diagnostic] { findings.filter { $0.severity == .error } }
        package var warnings: [Diagnostic] { findings.filter { $0.severity != .error } }
    }

    /// Checks the project; throws only when the notes or templates cannot be read at all.
    package func run(reporter: any RunReporter) async throws(DiagnosticList) -> Report {
        let runs = try await ProjectRuns.load(layout)
        do {
            _ = try TemplateSet(directory: layout.templates, displayPath: layout.display(layout.templates), root: layout.root)
        } catch {
            throw DiagnosticList(error.asDiagnostics)
        }
        var findings = addressFindings(runs.notes)
        var fresh: [StoredRun] = []
        for listing in runs.listings {
            let stored = StoredRun(listing, projectRoot: layout.root)
            if let finding = stored.finding(severity(of: listing, in: runs), in: layout) {
                findings.append(finding)
            } else {
                fresh.append(stored)
            }
        }
        if replays, !fresh.isEmpty {
            findings += await replay(fresh, runs: runs, reporter: reporter)
        }
        // What `notes new` wrote for the author to replace has no place in a published note; in a
        // draft it is expected, and a finding only when drafts are held to the same bar.
        for note in runs.notes where !note.frontMatter.isDraft || holdsDraftsToTheSameBar {
            findings += NoteScaffold.placeholderFindings(in: note, layout: layout)
        }
        return Report(findings: DiagnosticList(findings).diagnostics, listings: runs.listings.count, checked: fresh.count)
    }

    /// What fails `notes build` about the notes' addresses, found as it finds them: a number two
    /// published notes use, an alias that would put two pages at one address (drafts count). A number
    /// a draft shares fails only once the draft is published: a warning, unless drafts are held to
    /// the same bar.
    private func addressFindings(_ notes: [LoadedNote]) -> [Diagnostic] {
        let claims = { (notes: [LoadedNote]) in notes.map { NoteAddresses.Claim(slug: $0.slug, $0.frontMatter) } }
        let paths = Dictionary(notes.map { ($0.slug, $0.displayPath) }) { first, _ in first }
        let displayPath = { (slug: String) in paths[slug] ?? slug }
        var findings = NoteAddresses.duplicateNumbers(claims(notes.filter { !$0.frontMatter.isDraft }), displayPath: displayPath)
        for finding in NoteAddresses.duplicateNumbers(claims(notes), displayPath: displayPath) where !findings.contains(finding) {
            var finding = finding
            if !holdsDraftsToTheSameBar { finding.severity = .warning }
            findings.append(finding)
        }
        return findings + NoteAddresses.aliasConflicts(claims(notes), displayPath: displayPath)
    }

    /// How a finding about `listing` counts: a warning in a draft (unless drafts are held to the
    /// same bar), else an error.
    private func severity(of listing: RunnableListing, in runs: ProjectRuns) -> Diagnostic.Severity {
        runs.isDraft(listing) && !holdsDraftsToTheSameBar ? .warning : .error
    }

    /// `notes run <note>`, as it can be typed where messages are read.
    private func refresh(_ listing: RunnableListing) -> String {
        suggestedCommand("run", [listing.noteSlug], projectRoot: layout.root, base: layout.displayBase)
    }

    /// Replays each fresh listing at full speed without keeping anything, and compares.
    private func replay(_ stored: [StoredRun], runs: ProjectRuns, reporter: any RunReporter) async -> [Diagnostic] {
        let runner = ListingRunner(
            projectRoot: layout.root, interpreters: runs.site.interpreters, toolVersion: toolVersion, supervisor: supervisor)
        let options = RunOptions(mode: .replay, pace: .fast, keepsResults: false)
        let outcomes = await ListingBatch(runner: runner, options: options, jobs: jobs, reporter: reporter).run(stored.map(\.listing))
        var findings: [Diagnostic] = []
        for (outcome, stored) in zip(outcomes, stored) {
            let severity = severity(of: outcome.listing, in: runs)
            switch outcome.result {
            case .failure(let error):
                findings += error.diagnostics.map { finding in
                    var finding = finding
                    finding.severity = severity
                    return finding
                }
            case .success(let run):
                if let transcript = stored.transcript, let drift = OutputDrift.compare(stored: transcript, now: run.transcript) {
                    findings.append(
                        Diagnostic(
                            severity, at: outcome.listing.location, "\(outcome.listing.name) no longer prints what its stored run shows",
                            help: "if the change is intended, refresh the run with `\(refresh(outcome.listing))`",
                            reasons: drift.lines))
                }
            }
        }
        return findings
    }
}
