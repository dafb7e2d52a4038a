import ArgumentParser
import Foundation
import NotesDiagnostics
import NotesRecords
import NotesRunner
import NotesTransport

/// `notes exec`: runs any command against a loopback Messages API that replays, records or forwards.
struct Exec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a command under the recorded transport.",
        discussion: """
            The command gets ANTHROPIC_BASE_URL (a loopback server) and a fresh per-run token as \
            ANTHROPIC_API_KEY; the real key never reaches it. Replay (the default) answers from the \
            cassette and never opens a network connection; --record forwards to the engine and saves \
            every exchange; --live forwards and keeps nothing. Record and live read the real key from \
            ANTHROPIC_API_KEY or the project's .env. Exits with the command's status, or 1 when a \
            request is not in the cassette. See docs/transport.md.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The cassette to replay or record (HAR JSON).", valueName: "file"))
    var cassette: String?

    @Flag(exclusivity: .exclusive)
    var mode: ModeFlag = .replay

    @Flag(help: "Replay at once instead of at the recorded pace.")
    var fast = false

    @Option(help: ArgumentHelp("The engine's base URL for --record and --live (default: https://api.anthropic.com).", valueName: "url"))
    var engine: String?

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The command to run, after `--`.", valueName: "command"))
    var command: [String] = []

    func validate() throws {
        if command.isEmpty { throw ValidationError("name the command after `--`, e.g. notes exec --cassette run.json -- python3 agent.py") }
        if mode != .live, cassette == nil { throw ValidationError("--cassette is required with --\(mode.rawValue)") }
        if mode == .replay, engine != nil { throw ValidationError("--engine applies only to --record and --live") }
        if mode != .replay, fast { throw ValidationError("--fast applies only to replay") }
        if let engine, URL(string: engine)?.host == nil || !(engine.hasPrefix("http://") || engine.hasPrefix("https://")) {
            throw ValidationError("--engine must be an http(s) base URL such as https://api.anthropic.com")
        }
    }

    func run() async throws {
        let printer = DiagnosticPrinter()
        do {
            let status = try await execute(printer: printer)
            if status != 0 { throw ExitCode(status) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printer.print((error as? any DiagnosticConvertible)?.diagnostics ?? [Diagnostic(at: nil, String(describing: error))])
            throw ExitCode(1)
        }
    }

    // MARK: - Running

    private func execute(printer: DiagnosticPrinter) async throws -> Int32 {
        let root = global.projectRoot
        let environment = ProcessInfo.processInfo.environment
        let cassetteURL = cassette.map { URL(fileURLWithPath: $0, relativeTo: root).standardizedFileURL }
        var configuration = TransportConfiguration(
            mode: TransportMode(rawValue: mode.rawValue)!, pace: fast ? .fast : .recorded, cassette: cassetteURL,
            toolVersion: NotesVersion.current)
        if let engine { configuration.engine = URL(string: engine)! }
        // Only record and live mode ever look for the real key.
        if mode != .replay {
            configuration.engineKey = EngineKey.find(environment: environment, dotEnvFolder: root)
            configuration.certificateAuthorities = EngineKey.certificateAuthorities(in: environment)
        }

        let outcome = try await TransportedCommand(argv: command, directory: root, configuration: configuration)
            .run(inheriting: environment)
        guard let report = outcome.report else {
            if mode == .record {
                printer.print(Diagnostic(.warning, at: nil, "interrupted: the cassette was not written; the previous one is intact"))
            }
            return outcome.status
        }
        summarize(report, cassette: cassette, printer: printer)
        return report.misses.isEmpty ? outcome.status : 1
    }

    private func summarize(_ report: TransportReport, cassette: String?, printer: DiagnosticPrinter) {
        for miss in report.misses {
            let lines = miss.description.split(separator: "\n", maxSplits: 1).map(String.init)
            printer.print(
                Diagnostic(
                    at: nil, lines[0], help: "re-record with --record if the program changed on purpose",
                    reasons: lines.count > 1 ? lines[1].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } : []))
        }
        printer.print(report.warnings.map { Diagnostic(.warning, at: nil, $0) })
        if global.verbose {
            for exchange in report.exchanges {
                let entry = exchange.entryIndex.map { "entry \($0)" } ?? "no entry"
                let times = [exchange.received, exchange.firstByte, exchange.end].map {
                    $0.map { String(format: "%.3fs", $0.seconds) } ?? "-"
                }
                note(
                    "#\(exchange.number) \(exchange.method) \(exchange.path) \(exchange.status) \(entry)  received \(times[0]), first byte "
                        + "\(times[1]), end \(times[2])"
                )
            }
        }
        guard !global.quiet else { return }
        // Count what each mode did: answers from the cassette, entries written, requests forwarded
        // (refused requests, without the token or off the API, are none of these).
        let answered = report.exchanges.filter { $0.entryIndex != nil }.count
        let forwarded = report.exchanges.filter { !$0.isRefused }.count
        func exchanges(_ count: Int) -> String { count == 1 ? "1 exchange" : "\(count) exchanges" }
        switch report.mode {
        case .replay:
            let pace = report.pace == .fast ? " (fast)" : " at recorded pace"
            note("notes exec: replayed \(exchanges(answered)) from \(cassette ?? "")\(pace)")
        case .record: note("notes exec: recorded \(exchanges(report.cassette?.entries.count ?? 0)) to \(cassette ?? "")")
        case .live: note("notes exec: forwarded \(exchanges(forwarded)) live; nothing was kept")
        }
    }

    /// Exec's own lines go to standard error: standard output belongs to the command.
    private func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
