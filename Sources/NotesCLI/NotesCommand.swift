import ArgumentParser
import Foundation
import NotesRunner

/// The `notes` command: publishes field notes whose listings really run.
package struct NotesCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "notes",
        abstract: "Publish engineering field notes whose code listings really run.",
        discussion: """
            Notes live in content/NN-slug/note.md with their listings beside them; templates/ holds the \
            page templates and assets; `notes build` writes the site to site/.
            """,
        version: NotesVersion.current,
        // Each subcommand names itself (`commandName:`). Left out, ArgumentParser derives the name
        // from the type's on every start, through `String(describing:)`: a search of every protocol
        // conformance in this binary, 2 ms of the 45 ms an incremental `notes build` takes.
        subcommands: [Build.self, Run.self, Check.self, New.self, Serve.self, Exec.self]
    )

    package init() {}
}

/// The tool's version, printed by `--version` and stored in cassettes and transcripts.
package enum NotesVersion {
    package static let current = "0.1.0"

    /// This executable, resolved: what supervises the listings it runs.
    package static var executable: URL? {
        Bundle.main.executableURL?.resolvingSymlinksInPath()
    }
}

extension NotesCommand {
    /// When started as a listing's supervisor (`notes __supervise ...`, see `Supervisor`), becomes
    /// it and never returns; otherwise returns at once. Call first, before anything starts a thread.
    public static func superviseIfAsked() {
        let arguments = CommandLine.arguments
        if arguments.count > 1, arguments[1] == Supervisor.command { Supervisor.main(Array(arguments.dropFirst(2))) }
    }

    /// Parses the process's arguments and runs the chosen command, exiting with its status.
    ///
    /// Spelled out rather than calling ArgumentParser's `main()`, whose synchronous overload wins
    /// overload resolution from a `main.swift` and refuses an async root command.
    package static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // ArgumentParser exits 64 (EX_USAGE) on a usage error; `notes` promises 2, like most
            // command-line tools, so scripts can tell "you called it wrong" from "it found problems".
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
