import Foundation
import NotesTestSupport
import Testing

/// The authoring loop on a copy of the project: `notes run`, `notes build`, `notes check`.
@Suite struct RunBuildCheckTests {
    @Test func runThenBuildShowsTheRunAndCheckGuardsIt() async throws {
        let fixture = try await CLIFixture.make()
        defer { fixture.remove() }
        let run = try await fixture.notes(["run", "--fast"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("✔ 03-do-it-all-at-once/parallel_tools.py: exit 0"))
        #expect(run.stdout.contains("03-do-it-all-at-once/parallel_tools.py  replay (fast)  4      4            4"))
        // The progress line and the summary table give the same duration: the transcript's.
        let transcript =
            try JSONSerialization.jsonObject(
                with: Data(try fixture.project.read("content/03-do-it-all-at-once/runs/parallel_tools.transcript.json").utf8))
            as? [String: Any]
        let duration = String(format: "%.1fs", Double(try #require(transcript?["duration_ms"] as? Int)) / 1000)
        #expect(run.stdout.contains("parallel_tools.py: exit 0 in \(duration) · 4 steps"), "\(run.stdout)")
        #expect(run.stdout.contains("  \(duration)  "), "\(run.stdout)")

        let build = try await fixture.notes(["build"])
        #expect(build.status == 0, "\(build.stderr)")
        let page = try fixture.project.read("site/notes/03-do-it-all-at-once/index.html")
        for expected in [
            "<summary><span class=\"run-title\">Run</span> <span class=\"run-meta\">ran in ",
            "<span class=\"run-prompt\">$ </span>python parallel_tools.py\n<span class=\"run-line\">─── SYSTEM ",
            "  You are a personal assistant who manages the user&#39;s calendar. Today&#39;s date is 2026-05-21.",
            "<span class=\"run-exit\">exit 0</span>",
            "Reconstructed from the published transcript of a run on 21 May 2026 against claude-sonnet-4-6; replayed at full speed.",
            "<summary>Steps: 4 model calls, 4 tool calls</summary>",
            "<dt class=\"step-action\">Action 2</dt><dd "
                + "class=\"step-action\"><pre>check_calendar({&quot;email&quot;:&quot;sarah@abc.com&quot;})</pre></dd>",
        ] {
            #expect(page.contains(expected) || page.contains(expected.replacingOccurrences(of: "&#39;", with: "'")), "missing: \(expected)")
        }

        let check = try await fixture.notes(["check"])
        #expect(check.status == 0, "\(check.stdout)\n\(check.stderr)")
        #expect(check.stdout.contains("notes check: 1 runnable listing checked; every stored run is fresh and reproduces."))

        // One character of the listing changes: its stored run no longer matches it.
        let file = "content/03-do-it-all-at-once/parallel_tools.py"
        try fixture.project.write(file, try fixture.project.read(file).replacingOccurrences(of: "# --- Tools", with: "# --- tools"))
        let stale = try await fixture.notes(["check"])
        #expect(stale.status == 1)
        let fenceLine = try fixture.project.read("content/03-do-it-all-at-once/note.md").split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .firstIndex { $0.contains("file=parallel_tools.py") }.map { $0 + 1 }
        #expect(
            stale.stderr.contains(
                "content/03-do-it-all-at-once/note.md:\(fenceLine ?? 0):1: error: the stored run of parallel_tools.py is stale"))
        #expect(stale.stderr.contains("Reason: parallel_tools.py changed since the run"))
        #expect(stale.stderr.contains("help: refresh it with `notes run 03-do-it-all-at-once/parallel_tools.py`"))
    }

    @Test func checkReportsDriftWithADiff() async throws {
        let fixture = try await CLIFixture.make(notes: [])
        defer { fixture.remove() }
        try fixture.project.write("content/01-x/note.md", "---\ntitle: X\ndate: 2026-01-01\n---\n\n```sh file=hello.sh run\n```\n")
        try fixture.project.write("content/01-x/hello.sh", "echo one\necho two\n")
        #expect(try await fixture.notes(["run"]).status == 0)
        // The stored transcript now says something the listing does not print (as after a hand edit).
        let transcript = "content/01-x/runs/hello.transcript.json"
        try fixture.project.write(transcript, try fixture.project.read(transcript).replacingOccurrences(of: "\"two\"", with: "\"2\""))
        let check = try await fixture.notes(["check"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("content/01-x/note.md:6:1: error: 01-x/hello.sh no longer prints what its stored run shows"))
        #expect(check.stderr.contains("Reason: - 2"))
        #expect(check.stderr.contains("Reason: + two"))
    }

    /// `notes check` guards CI, so what fails `notes build` about addresses fails it too, at the
    /// same places: a number two published notes use, an alias two notes give. A number a draft
    /// shares is a warning until the draft is held to the same bar (`--drafts`).
    @Test func checkFailsOnWhatFailsTheBuildAboutAddresses() async throws {
        let fixture = try await CLIFixture.make(notes: [])
        defer { fixture.remove() }
        try fixture.project.write("content/01-first/note.md", "---\ntitle: First\ndate: 2026-01-01\naliases: [00-old]\n---\n\nBody.\n")
        try fixture.project.write("content/02-second/note.md", "---\ntitle: Second\nnumber: 1\ndate: 2026-01-02\n---\n\nBody.\n")
        try fixture.project.write("content/03-third/note.md", "---\ntitle: Third\ndate: 2026-01-03\naliases: [00-old]\n---\n\nBody.\n")
        let duplicate =
            "content/02-second/note.md:3:1: error: note number 1 is also used by content/01-first/note.md (from its folder's name)"
        let alias = "content/03-third/note.md:4:11: error: the alias `00-old` is also given at content/01-first/note.md:4:11"
        let build = try await fixture.notes(["build"])
        let check = try await fixture.notes(["check"])
        for outcome in [build, check] {
            #expect(outcome.status == 1, "\(outcome.stdout)\n\(outcome.stderr)")
            #expect(outcome.stderr.contains(duplicate), "\(outcome.stderr)")
            #expect(outcome.stderr.contains(alias), "\(outcome.stderr)")
        }

        // The second note becomes a draft and the alias goes: the build passes, check warns.
        try fixture.project.write(
            "content/02-second/note.md", "---\ntitle: Second\nnumber: 1\ndate: 2026-01-02\ndraft: true\n---\n\nBody.\n")
        try fixture.project.write("content/03-third/note.md", "---\ntitle: Third\ndate: 2026-01-03\n---\n\nBody.\n")
        #expect(try await fixture.notes(["build"]).status == 0)
        let warned = try await fixture.notes(["check"])
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(warned.stderr.contains(duplicate.replacingOccurrences(of: "error:", with: "warning:")), "\(warned.stderr)")
        let strict = try await fixture.notes(["check", "--drafts"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains(duplicate), "\(strict.stderr)")
    }

    @Test func ctrlCStopsTheRunAndKeepsThePreviousTranscript() async throws {
        let fixture = try await CLIFixture.make(notes: [])
        defer { fixture.remove() }
        try fixture.project.write("content/01-x/note.md", "---\ntitle: X\ndate: 2026-01-01\n---\n\n```sh file=slow.sh run\n```\n")
        try fixture.project.write("content/01-x/slow.sh", "echo $$ > pid\nsleep 60\n")
        try fixture.project.write("content/01-x/runs/slow.transcript.json", "previous\n")
        let binary = try notesBinary()
        let process = Process()
        process.executableURL = binary
        process.arguments = ["run", "-C", fixture.project.root.path]
        process.environment = ["PATH": "/usr/bin:/bin", "CI": "1", "HOME": fixture.project.root.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var listingPID: Int32?
        for _ in 0..<100 where listingPID == nil {
            try await Task.sleep(for: .milliseconds(100))
            listingPID = Int32((try? fixture.project.read("content/01-x/pid"))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        }
        #expect(listingPID != nil)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try fixture.project.read("content/01-x/runs/slow.transcript.json") == "previous\n")
        if let listingPID {
            let stat = try? String(contentsOfFile: "/proc/\(listingPID)/stat", encoding: .utf8)
            #expect(stat == nil || stat!.contains(") Z "), "the listing outlived notes run")
        }
    }
}
