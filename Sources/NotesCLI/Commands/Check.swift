import ArgumentParser
import Foundation
import NotesDiagnostics
import NotesProject
import NotesRunner
import NotesSite

/// `notes check`: what CI runs. Fails on content errors, on stored runs that are missing or stale,
/// and on drift: every listing is replayed offline at full speed and must print what its stored
/// transcript says.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the notes and that every stored run still reproduces.",
        discussion: """
            Reads every note and template like `notes build` (writing nothing), fails on runnable \
            listings whose transcript is missing or stale (the listing, its cassette or the requirements \
            changed), then replays each listing offline with --fast and compares its output and exit \
            status with the stored transcript, printing a diff when they differ. A published note that still \
            holds the placeholder text `notes new` wrote is a finding too, and so is what fails `notes build` \
            about addresses: a note number two notes use, an alias that would put two pages at one address. \
            Exits 1 on any finding. Findings in draft notes are warnings (placeholders are not reported there) \
            unless --drafts is given: a draft may wait for its first run.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "How many listings to replay at once (default: the number of processors).")
    var jobs: Int?

    @Flag(help: "Only check that stored runs are present and fresh; do not replay them.")
    var noReplay = false

    @Flag(help: "Hold draft notes to the same bar as published ones (their findings are errors).")
    var drafts = false

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs must be between 1 and 256") }
    }

    func run() async throws {
        var check = ProjectCheck(
            layout: try global.project(for: "check"), replays: !noReplay, holdsDraftsToTheSameBar: drafts,
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, toolVersion: NotesVersion.current)
        check.supervisor = NotesVersion.executable
        let printer = DiagnosticPrinter()
        let report: ProjectCheck.Report
        do {
            let reporter: any RunReporter = global.quiet ? QuietRunLog() : PlainRunLog()
            report = try await check.run(reporter: reporter)
        } catch {
            printer.print(error.diagnostics)
            throw ExitCode(1)
        }
        printer.print(report.findings)
        let errors = report.errors.count
        let warnings = report.warnings.count
        guard errors == 0 else {
            FileHandle.standardError.write(Data("notes check: \(errors) finding\(errors == 1 ? "" : "s")\n".utf8))
            throw ExitCode(1)
        }
        if !global.quiet {
            let listings = "\(report.listings) runnable listing\(report.listings == 1 ? "" : "s")"
            say(
                "notes check: \(report.checked == report.listings ? listings : "\(report.checked) of \(listings)") checked; "
                    + (warnings == 0 ? "every" : "every published")
                    + (noReplay ? " stored run is fresh" : " stored run is fresh and reproduces")
                    + (warnings == 0 ? "." : "; \(warnings) warning\(warnings == 1 ? "" : "s") in drafts."))
        }
    }
}
