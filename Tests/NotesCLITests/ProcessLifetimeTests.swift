import Foundation
import NotesTestSupport
import Testing

/// A listing lives no longer than the `notes run` that started it, holds nothing of ours, and
/// cannot escape by forking away; a build killed at any moment leaves a whole site.
@Suite struct ProcessLifetimeTests {
    static func note(_ fence: String) -> String { "---\ntitle: X\ndate: 2026-01-01\n---\n\n\(fence)\n" }

    /// Whether the process `pid` has ended (or is a zombie waiting to be reaped).
    static func isGone(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        return stat.contains(") Z ")
    }

    @Test func aListingSeesNoSocketOrPipeItDidNotOpen() async throws {
        let fixture = try await CLIFixture.make(notes: [])
        defer { fixture.remove() }
        let script = """
            import os
            for fd in sorted(os.listdir("/proc/self/fd"), key=int):
                try:
                    print(fd, os.readlink(f"/proc/self/fd/{fd}"))
                except OSError:
                    pass
            """
        for note in ["01-a", "02-b"] {
            try fixture.project.write("content/\(note)/note.md", Self.note("```python file=fds.py run\n```"))
            try fixture.project.write("content/\(note)/fds.py", script)
        }
        let run = try await fixture.notes(["run", "--jobs", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        for note in ["01-a", "02-b"] {
            let transcript = try fixture.project.read("content/\(note)/runs/fds.transcript.json")
            #expect(!transcript.contains("socket:"), "\(note) inherited a socket:\n\(transcript)")
            // 0 is /dev/null, 1 and 2 our pipes: nothing else (the folder being listed is closed by then).
            let descriptors = transcript.components(separatedBy: "\"text\": \"").dropFirst().compactMap { $0.split(separator: " ").first }
            #expect(descriptors == ["0", "1", "2"], "\(note): \(descriptors)")
        }
    }

    @Test func aListingThatForksAwayIsEndedWithItAndDoesNotHoldTheRun() async throws {
        let fixture = try await CLIFixture.make(notes: [])
        defer { fixture.remove() }
        try fixture.project.write("content/01-x/note.md", Self.note("```sh file=escape.sh run\n```"))
        try fixture.project.write(
            "content/01-x/escape.sh", "setsid sh -c 'echo $$ > escaped.pid; sleep 30; echo late' &\nsleep 0.5\necho done\n")
        let clock = ContinuousClock()
        let start = clock.now
        let run = try await fixture.notes(["run"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(clock.now - start < .seconds(20), "the run did not wait for the escaped process")
        let pid = try #require(Int32(try fixture.project.read("content/01-x/escaped.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Self.isGone(pid), "the escaped process outlived the run")
        #expect(!(try fixture.project.read("content/01-x/runs/escape.transcript.json")).contains("late"))
    }

    @Test func killingNotesRunEndsTheListingAndTheNextRunCleansUp() async throws {
        let fixture = try await CLIFixture.make(notes: [])
        defer { fixture.remove() }
        try fixture.project.write("content/01-x/note.md", Self.note("```sh file=slow.sh run\n```"))
        try fixture.project.write("content/01-x/slow.sh", "echo $$ > pid\nsleep 60\n")
        let process = Process()
        process.executableURL = try notesBinary()
        process.arguments = ["run", "-C", fixture.project.root.path]
        process.environment = ["PATH": "/usr/bin:/bin", "CI": "1", "HOME": fixture.project.root.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var listing: Int32?
        for _ in 0..<100 where listing == nil {
            try await Task.sleep(for: .milliseconds(100))
            listing = Int32((try? fixture.project.read("content/01-x/pid"))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        }
        let pid = try #require(listing)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        var gone = false
        for _ in 0..<50 where !gone {
            try await Task.sleep(for: .milliseconds(100))
            gone = Self.isGone(pid)
        }
        #expect(gone, "the listing outlived a SIGKILLed notes run")
        let scratch = fixture.project.root.appendingPathComponent(".notes/tmp").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).count == 1, "the killed run's scratch folder is left")
        try fixture.project.write("content/01-x/slow.sh", "echo quick\n")
        let next = try await fixture.notes(["run"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty, "the next run removed it")
    }

    @Test func numericOptionsOutOfRangeAreUsageErrors() async throws {
        let fixture = try await CLIFixture.make(notes: [])
        defer { fixture.remove() }
        for arguments in [
            ["run", "--timeout", "9223372036854775806"], ["run", "--jobs", "0"], ["build", "--jobs", "100000"],
            ["serve", "--port", "70000"], ["new", "X", "--number", "10000"],
        ] {
            let result = try await fixture.notes(arguments)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("must be"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func aShellListingRunsWithTheInterpreterItsShebangNames() async throws {
        let fixture = try await CLIFixture.make(notes: [])
        defer { fixture.remove() }
        try fixture.project.write("content/01-x/note.md", Self.note("```sh file=hello.sh run\n```"))
        try fixture.project.write(
            "content/01-x/hello.sh", "#!/usr/bin/env bash\nwords=(only bash has arrays)\necho \"${words[1]} ${words[2]}\"\n")
        let run = try await fixture.notes(["run"])
        #expect(run.status == 0, "\(run.stderr)")
        let transcript = try fixture.project.read("content/01-x/runs/hello.transcript.json")
        #expect(transcript.contains("\"command\": \"bash hello.sh\""))
        #expect(transcript.contains("\"text\": \"bash has\""))
    }

    @Test func aBuildKilledAtAnyMomentLeavesAWholeSite() async throws {
        let fixture = try await CLIFixture.make()
        defer { fixture.remove() }
        let first = try await fixture.notes(["build"])
        #expect(first.status == 0, "\(first.stderr)")
        let index = fixture.project.root.appendingPathComponent("site/index.html")
        for round in 0..<30 {
            let process = Process()
            process.executableURL = try notesBinary()
            process.arguments = ["build", "-q", "-C", fixture.project.root.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Somewhere in a build that takes a few tens of milliseconds: before, during, after the swap.
            try await Task.sleep(for: .milliseconds(2 + round * 3))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let page = try String(contentsOf: index, encoding: .utf8)
            #expect(page.hasSuffix("</html>\n"), "round \(round): site/ is missing or half-written")
        }
        let last = try await fixture.notes(["build"])
        #expect(last.status == 0)
        #expect(!FileManager.default.fileExists(atPath: fixture.project.root.appendingPathComponent(".site.previous").path))
    }

    @Test func aSwapInterruptedBetweenTheRenamesIsRepairedByTheNextBuild() async throws {
        let fixture = try await CLIFixture.make()
        defer { fixture.remove() }
        #expect(try await fixture.notes(["build"]).status == 0)
        // Where the rename fallback (no renameat2) can be killed: the old site moved aside, the new
        // one not yet in place.
        let root = fixture.project.root
        try FileManager.default.moveItem(at: root.appendingPathComponent("site"), to: root.appendingPathComponent(".site.previous"))
        #expect(try await fixture.notes(["build"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("site/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".site.previous").path))
    }
}
