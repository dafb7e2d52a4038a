import ArgumentParser
import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesProject
import NotesRecords
import NotesRunner
import NotesSite
import NotesTransport

/// `notes run`: runs listings for real through the transport and stores their transcripts.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run runnable listings and store their transcripts.",
        discussion: """
            Runs every listing whose fence has `run` (or those named: a note such as 03-do-it-all-at-once \
            or 03, or a listing such as 03-do-it-all-at-once/parallel_tools.py) as a subprocess talking to \
            a loopback transport, and writes runs/<listing>.transcript.json beside it. Replay (the default) \
            answers from runs/<listing>.cassette.json, offline; --record talks to the engine (key from \
            ANTHROPIC_API_KEY or .env) and replaces the cassette; --live talks to the engine and keeps no \
            cassette. A run that cannot finish (interrupted, a request missing from the cassette) keeps the \
            previous transcript and cassette. Exits 1 if any listing failed.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Notes or listings to run (default: all).", valueName: "note-or-listing"))
    var selectors: [String] = []

    @Flag(exclusivity: .exclusive)
    var mode: ModeFlag = .replay

    @Option(help: ArgumentHelp("The engine's base URL for --record and --live (default: https://api.anthropic.com).", valueName: "url"))
    var engine: String?

    @Flag(help: "Replay at once instead of at the recorded pace.")
    var fast = false

    @Option(help: "How many listings to run at once (default: the number of processors).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Seconds a listing may run before it is stopped.", valueName: "seconds"))
    var timeout: Int = 120

    @Flag(help: "Also write each run as Chrome Trace Event JSON (runs/<listing>.trace.json) for Perfetto.")
    var trace = false

    @Flag(help: "With --record, store the new run even when it failed (for notes that show a failure on purpose).")
    var keepFailed = false

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs must be between 1 and 256") }
        if !(1...86_400).contains(timeout) { throw ValidationError("--timeout must be between 1 and 86400 seconds (a day)") }
        if keepFailed, mode != .record { throw ValidationError("--keep-failed applies only to --record") }
        if mode == .replay, engine != nil { throw ValidationError("--engine applies only to --record and --live") }
        if mode != .replay, fast { throw ValidationError("--fast applies only to replay") }
        if let engine, URL(string: engine)?.host == nil || !(engine.hasPrefix("http://") || engine.hasPrefix("https://")) {
            throw ValidationError("--engine must be an http(s) base URL such as https://api.anthropic.com")
        }
    }

    func run() async throws {
        let layout = try global.project(for: "run")
        var options = RunOptions(
            mode: TransportMode(rawValue: mode.rawValue)!, pace: fast ? .fast : .recorded, timeout: .seconds(timeout))
        options.keepsFailedRecordings = keepFailed
        if let engine { options.engine = URL(string: engine)! }
        if mode != .replay {
            try options.takeEngineCredentials(
                projectRoot: global.projectRoot,
                orRefuseWith: Diagnostic(
                    at: nil, "--\(mode.rawValue) needs the engine's key",
                    help: "set ANTHROPIC_API_KEY, or put ANTHROPIC_API_KEY=... in the project's .env (git-ignored); "
                        + "without --\(mode.rawValue), `notes run` replays from the stored cassettes"))
        }
        var project = ProjectRun(
            layout: layout, selectors: selectors, options: options,
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, writesTraces: trace, toolVersion: NotesVersion.current)
        project.supervisor = NotesVersion.executable
        let printer = DiagnosticPrinter()
        let report: ProjectRun.Report
        do {
            report = try await project.run(reporter: RunReporters.make(quiet: global.quiet))
        } catch {
            printer.print(error.diagnostics)
            throw ExitCode(1)
        }
        guard !report.outcomes.isEmpty else {
            if !global.quiet { say("No runnable listings: mark a listing fence with `run` to make it runnable.") }
            return
        }
        if !global.quiet { for trace in report.traces { say("trace: \(displayPath(trace))") } }
        printer.print(report.warnings)
        RunSummary(outcomes: report.outcomes, mode: mode.rawValue).print(quiet: global.quiet, printer: printer)
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
