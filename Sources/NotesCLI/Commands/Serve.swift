import ArgumentParser
import Foundation
import NotesDiagnostics
import NotesPreview
import NotesProject
import NotesRunner
import NotesSite
import NotesTransport

/// `notes serve`: a live preview for authors.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site on http://127.0.0.1:1313/, rebuilt and reloaded on every change.",
        discussion: """
            Builds into .notes/preview/site (site/ is never touched), serves it on loopback, and watches \
            content/ and templates/: every save rebuilds and open pages reload. A failed build keeps the \
            previous pages on show, with the errors over them and in the terminal. Run `notes run` in \
            another terminal and the page shows the new run as soon as its transcript is written, or pass \
            --run replay to have every saved listing whose stored run no longer fits it replayed from its \
            cassette (offline), its output shown under it as it prints; --run record records it against the \
            engine instead (spends tokens; needs ANTHROPIC_API_KEY). Pages of the preview say which listings \
            have no run or a stale one, with the command that makes it, and mark drafts; the published site \
            never has any of this. Drafts are shown unless --no-drafts. Ctrl-C stops. On Linux changes are \
            heard through inotify; NOTES_WATCH=poll compares the files a few times a second instead (for \
            network file systems, whose changes made on other machines inotify never hears of).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 1313

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Flag(inversion: .prefixedNo, help: "Show notes marked `draft: true`.")
    var drafts = true

    /// How `--run` re-runs saved listings.
    enum LiveRunMode: String, ExpressibleByArgument, CaseIterable {
        case replay, record
    }

    @Option(
        help: ArgumentHelp(
            "Re-run a saved listing whose stored run no longer fits it: `replay` from its cassette (offline) or `record` "
                + "against the engine (spends tokens).", valueName: "replay|record"))
    var run: LiveRunMode?

    @Option(help: ArgumentHelp("With --run, seconds a listing may run before it is stopped.", valueName: "seconds"))
    var timeout = 120

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if !(1...86400).contains(timeout) { throw ValidationError("--timeout must be between 1 and 86400 seconds") }
    }

    func run() async throws {
        let layout = ProjectLayout(root: global.projectRoot)
        guard FileManager.default.fileExists(atPath: layout.siteConfig.path) else {
            DiagnosticPrinter().print(
                Diagnostic(
                    at: nil, "no \(layout.display(layout.siteConfig)) here; this is not a notes project",
                    help: "run `notes serve` in the folder holding content/, or pass -C <dir>"))
            throw ExitCode(1)
        }
        if !PreviewServer.isLoopback(host) {
            DiagnosticPrinter().print(
                Diagnostic(
                    .warning, at: nil,
                    "--host \(host) is not a loopback address: anyone who can reach this machine on port \(port) can read the "
                        + "preview, drafts included",
                    help: "leave out --host to serve on 127.0.0.1 only; requests must still name this machine by address or a loopback name"
                ))
        }
        var session = PreviewSession(layout: layout, host: host, port: port, includeDrafts: drafts)
        if let run {
            var options = RunOptions(mode: run == .record ? .record : .replay, pace: .recorded, timeout: .seconds(timeout))
            if run == .record {
                try options.takeEngineCredentials(
                    projectRoot: global.projectRoot,
                    orRefuseWith: Diagnostic(
                        at: nil, "--run record needs the engine's key",
                        help: "set ANTHROPIC_API_KEY (or put it in .env), or use --run replay to replay from cassettes"))
            }
            session.runs = options
            session.supervisor = NotesVersion.executable
            session.toolVersion = NotesVersion.current
        }
        let prepared = session
        let verbose = global.verbose
        let quiet = global.quiet
        let failure: Diagnostic? = await Interruptible.run { () async -> Diagnostic? in
            do throws(Diagnostic) {
                try await prepared.run(
                    started: { url in
                        let runs = run.map { "; re-running saved listings (\($0.rawValue))" } ?? ""
                        say(
                            "Serving \(layout.display(layout.content))/ at \(url) (\(drafts ? "drafts included" : "no drafts")); "
                                + "rebuilding on every change\(runs). Ctrl-C stops.")
                    },
                    report: { outcome in Self.print(outcome, verbose: verbose, quiet: quiet) })
                return nil
            } catch {
                return error
            }
        }
        if let failure {
            DiagnosticPrinter().print(failure)
            throw ExitCode(1)
        }
    }

    private static func print(_ outcome: PreviewSession.Outcome, verbose: Bool, quiet: Bool) {
        let printer = DiagnosticPrinter()
        switch outcome {
        case .built(let report, let newWarnings):
            if newWarnings { printer.print(report.warnings) }
            if !quiet {
                let notes = report.notes == 1 ? "1 note" : "\(report.notes) notes"
                say("\(timestamp()) built \(notes) in \(milliseconds(report.seconds))")
            }
            if verbose { for step in report.steps { say("  \(step.name) \(milliseconds(step.seconds))") } }
        case .failed(let errors, let hasGoodBuild):
            printer.print(errors.diagnostics)
            let count = errors.diagnostics.filter { $0.severity == .error }.count
            let shown =
                hasGoodBuild ? "pages keep the last good build, with the errors over them" : "pages show the errors until a build succeeds"
            FileHandle.standardError.write(Data("\(timestamp()) build failed with \(count) error\(count == 1 ? "" : "s"); \(shown)\n".utf8))
        case .notice(let notice):
            printer.print([notice])
        case .run(let event):
            switch event {
            case .started(let slug, let file, _):
                if !quiet { say("\(timestamp()) ▶ \(slug)/\(file): running") }
            case .output:
                break
            case .finished(let slug, let file, let succeeded, let summary, let problems):
                printer.print(problems)
                say("\(timestamp()) \(succeeded ? "✔" : "✘") \(slug)/\(file): \(summary)")
            }
        }
    }

    private static func timestamp() -> String {
        let parts = Calendar.current.dateComponents([.hour, .minute, .second], from: Date())
        return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}
