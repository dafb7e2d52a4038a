import Foundation
import NotesTestSupport
import Testing

/// The commands `help:` lines suggest work when typed as they are, from where the user is: each test
/// takes the command out of the message and runs it literally through `/bin/sh`.
@Suite struct SuggestedCommandTests {
    /// `notes` on PATH, no key, no colour: what a user's shell would run.
    static func shellEnvironment() throws -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL"] { environment[name] = nil }
        environment["NO_COLOR"] = "1"
        environment["CI"] = "1"
        environment["PATH"] = try notesBinary().deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        return environment
    }

    /// `notes <arguments>` as a user types it in `folder`, without `-C` unless given.
    static func notes(_ arguments: [String], in folder: URL) async throws -> TransportProcessResult {
        try await runTestProcess([try notesBinary().path] + arguments, environment: shellEnvironment(), directory: folder)
    }

    /// `command` through the shell in `folder`.
    static func shell(_ command: String, in folder: URL) async throws -> TransportProcessResult {
        try await runTestProcess(["/bin/sh", "-c", command], environment: shellEnvironment(), directory: folder)
    }

    /// An empty folder outside the project, for a user working somewhere else.
    static func elsewhere() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notes-elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The first command in backticks after `lead` in `text`.
    static func command(after lead: String, in text: String) -> String? {
        guard let start = text.range(of: lead + "`")?.upperBound, let end = text[start...].firstIndex(of: "`") else { return nil }
        return String(text[start..<end])
    }

    @Test func theRefreshCommandForAStaleRunWorksFromAnotherFolder() async throws {
        let fixture = try await CLIFixture.make()
        defer { fixture.remove() }
        let file = "content/03-do-it-all-at-once/parallel_tools.py"
        try fixture.project.write(file, try fixture.project.read(file) + "\n# a comment, so the stored run is stale\n")
        let elsewhere = try Self.elsewhere()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let build = try await Self.notes(["build", "-C", fixture.project.root.path], in: elsewhere)
        #expect(build.status == 0, "\(build.stderr)")
        let command = try #require(Self.command(after: "refresh it with ", in: build.stderr), "\(build.stderr)")
        #expect(command == "notes run -C \(fixture.project.root.path) 03-do-it-all-at-once/parallel_tools.py")

        let run = try await Self.shell(command + " --fast", in: elsewhere)
        #expect(run.status == 0, "\(command)\n\(run.stdout)\n\(run.stderr)")
        let again = try await Self.notes(["build", "-C", fixture.project.root.path], in: elsewhere)
        #expect(again.status == 0)
        #expect(!again.stderr.contains("stale"), "\(again.stderr)")
    }

    @Test func theFirstRunCommandWorksFromInsideTheNote() async throws {
        let fixture = try await CLIFixture.make(notes: [])
        defer { fixture.remove() }
        try fixture.project.write(
            "content/01-x/note.md", "---\ntitle: X\ndate: 2026-01-01\ndraft: true\n---\n\n```sh file=hello.sh run\n```\n")
        try fixture.project.write("content/01-x/hello.sh", "echo hello\n")
        let note = fixture.project.root.appendingPathComponent("content/01-x")
        let check = try await Self.notes(["check", "--no-replay", "-C", "../.."], in: note)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.contains("note.md:7:1: warning: hello.sh has no stored run"), "\(check.stderr)")
        let command = try #require(Self.command(after: "plain ", in: check.stderr), "\(check.stderr)")
        #expect(command == "notes run -C ../.. 01-x/hello.sh")

        let run = try await Self.shell(command, in: note)
        #expect(run.status == 0, "\(command)\n\(run.stdout)\n\(run.stderr)")
        #expect(fixture.project.exists("content/01-x/runs/hello.transcript.json"))
    }

    @Test func theRecordCommandOfAReplayMissNamesTheProject() async throws {
        let fixture = try await CLIFixture.make(notes: [])
        defer { fixture.remove() }
        try fixture.project.write("content/01-x/note.md", "---\ntitle: X\ndate: 2026-01-01\n---\n\n```sh file=ask.sh run\n```\n")
        try fixture.project.write(
            "content/01-x/ask.sh",
            """
            curl -sS "$ANTHROPIC_BASE_URL/v1/messages" -H "x-api-key: $ANTHROPIC_API_KEY" -H 'content-type: application/json' \\
              -d '{"model":"m","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}'

            """)
        let elsewhere = try Self.elsewhere()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let run = try await Self.notes(["run", "-C", fixture.project.root.path], in: elsewhere)
        #expect(run.status == 1)
        let command = try #require(Self.command(after: "record its run with ", in: run.stderr), "\(run.stderr)")
        #expect(command == "notes run -C \(fixture.project.root.path) --record 01-x")
        // Typed as it is, it gets as far as asking for the key, which is the one thing it needs.
        let record = try await Self.shell(command, in: elsewhere)
        #expect(record.status == 1)
        // It is refused at once, before any listing is set up, with what to do.
        #expect(
            record.stderr
                == "error: --record needs the engine's key\n  help: set ANTHROPIC_API_KEY, or put ANTHROPIC_API_KEY=... in the "
                + "project's .env (git-ignored); without --record, `notes run` replays from the stored cassettes\n", "\(record.stderr)")
        #expect(record.stdout.isEmpty, "\(record.stdout)")
    }
}
