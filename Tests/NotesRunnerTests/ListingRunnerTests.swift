import Foundation
import NotesRecords
import NotesRunner
import NotesTestSupport
import NotesTransport
import Testing

@Suite struct ListingRunnerTests {
    @Test func aListingThatRunsTooLongIsStoppedWithItsWholeProcessGroup() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let listing = try fixture.listing(
            file: "slow.sh", language: "sh",
            """
            sleep 60 &
            echo $! > child.pid
            echo started
            sleep 60
            """)
        var options = RunOptions()
        options.timeout = .seconds(1)
        let transcript = try await fixture.run(listing, options)
        #expect(transcript.exit == .timeout(after: 1))
        #expect(transcript.exit.summary == "timed out after 1 s")
        #expect(transcript.stdoutLines == ["started"])
        // The background child was in the listing's process group and went with it.
        let child = try #require(
            Int32(try fixture.project.read("content/01-test/child.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Self.isGone(child))
    }

    /// Whether `pid` has ended: no such process, or a zombie waiting for whoever reaps orphans here.
    static func isGone(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
    }

    @Test func aFailingListingIsDataNotAnError() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let listing = try fixture.listing(
            file: "fail.py", language: "python",
            """
            import sys
            print("working on it")
            print("Traceback: something broke", file=sys.stderr)
            sys.exit(1)
            """)
        let transcript = try await fixture.run(listing)
        #expect(transcript.exit == .exited(1))
        #expect(transcript.stdoutLines == ["working on it"])
        #expect(transcript.stderrLines == ["Traceback: something broke"])
        #expect(fixture.project.exists("content/01-test/runs/fail.transcript.json"))
    }

    @Test func aToolFunctionTheListingDoesNotDefineIsReported() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        // `run_tool` is defined (but never called: no request is sent); `run_tol` is a typo.
        let listing = try fixture.listing(
            file: "typo.py", language: "python",
            """
            def run_tool(name, tool_input):
                return {}
            print("done")
            """, tools: ["run_tool", "run_tol"])
        let result = try await fixture.runner.run(listing, options: RunOptions())
        #expect(result.transcript.exit == .exited(0))
        #expect(
            result.warnings == [
                "tools=run_tol: typo.py defines no function `run_tol` at module level, so its tool calls were timed as one span; "
                    + "name the function that executes a tool call"
            ])
    }

    @Test func outputPastTheCapIsDroppedBehindAVisibleMarker() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let listing = try fixture.listing(
            file: "loud.py", language: "python",
            """
            import sys
            line = "x" * 1023 + "\\n"
            for _ in range(5 * 1024):
                sys.stdout.write(line)
            sys.stdout.write(bytes([0xff, 0xfe]).decode("latin-1") + "\\n")
            print("done", file=sys.stderr)
            """)
        let transcript = try await fixture.run(listing)
        #expect(transcript.exit == .exited(0))
        #expect(transcript.output.truncated)
        let kept = transcript.output.lines.filter { $0.stream != "notes" }.reduce(0) { $0 + $1.text.utf8.count + 1 }
        #expect(kept <= 1 << 20)
        #expect(kept > (1 << 20) - 2048)
        #expect(transcript.output.lines.last?.text == "[output truncated: the first 1 MiB were kept, 4.0 MiB more were dropped]")
    }

    @Test func bytesThatAreNotUTF8AreKeptSafely() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let listing = try fixture.listing(file: "bytes.sh", language: "sh", "printf 'ok \\377\\376 end\\n'\n")
        let transcript = try await fixture.run(listing)
        #expect(transcript.stdoutLines == ["ok \u{FFFD}\u{FFFD} end"])
    }

    @Test func replayPinsTheWallClockWhileSleepsAndThreadsBehave() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let listing = try fixture.listing(
            file: "clock.py", language: "python",
            """
            import threading, time
            from concurrent.futures import ThreadPoolExecutor
            from datetime import date, datetime
            print("today", date.today().isoformat(), datetime.now().strftime("%H:%M"))
            start = time.monotonic()
            with ThreadPoolExecutor(max_workers=3) as pool:
                print("pool", list(pool.map(lambda n: (time.sleep(0.2), n * n)[1], [1, 2, 3])))
            print("parallel sleeps overlapped", time.monotonic() - start < 0.5)
            event = threading.Event()
            start = time.monotonic()
            print("event set", event.wait(0.3), "waited", time.monotonic() - start >= 0.29)
            lock = threading.Lock()
            lock.acquire()
            print("lock", lock.acquire(timeout=0.1))
            print("wall clock moves", time.time() > 1779356000)
            """)
        try fixture.emptyCassette(for: listing, recordedAt: "2026-05-21T09:41:00Z")
        let transcript = try await fixture.run(listing)
        #expect(transcript.exit == .exited(0), "\(transcript.stderrLines)")
        #expect(
            transcript.stdoutLines == [
                "today 2026-05-21 09:41", "pool [1, 4, 9]", "parallel sleeps overlapped True",
                "event set False waited True", "lock False", "wall clock moves True",
            ])
        #expect(transcript.cassette?.recordedAt == "2026-05-21T09:41:00.000Z")
    }

    @Test func listingsOfTwoNotesRunAtTheSameTime() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let code = "import time\nprint(time.monotonic())\ntime.sleep(1.0)\nprint(time.monotonic())\n"
        let first = try fixture.listing(note: "01-a", file: "a.py", language: "python", code)
        let second = try fixture.listing(note: "02-b", file: "b.py", language: "python", code)
        let runner = fixture.runner
        async let a = runner.run(first, options: RunOptions())
        async let b = runner.run(second, options: RunOptions())
        let (runA, runB) = try await (a, b)
        let spanA = runA.transcript.stdoutLines.compactMap(Double.init)
        let spanB = runB.transcript.stdoutLines.compactMap(Double.init)
        #expect(spanA.count == 2 && spanB.count == 2)
        // Each started before the other finished.
        #expect(spanA[0] < spanB[1] && spanB[0] < spanA[1])
        #expect(fixture.project.exists("content/01-a/runs/a.transcript.json"))
        #expect(fixture.project.exists("content/02-b/runs/b.transcript.json"))
    }

    @Test func theListingSeesACleanEnvironmentWithoutTheKey() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let listing = try fixture.listing(
            file: "env.py", language: "python",
            """
            import os
            for name in sorted(os.environ):
                print(name, "=", "<token>" if name == "ANTHROPIC_API_KEY" else os.environ[name] if name in ("LANG", "TZ", "PYTHONUNBUFFERED") else "…")
            """)
        let transcript = try await fixture.run(listing)
        #expect(
            transcript.stdoutLines == [
                "ANTHROPIC_API_KEY = <token>", "ANTHROPIC_BASE_URL = …", "HOME = …", "LANG = C.UTF-8",
                "NOTES_CLOCK_ORIGIN = …", "NOTES_LISTING = …", "NOTES_MODE = …", "NOTES_TRACE = …", "PATH = …",
                "PYTHONDONTWRITEBYTECODE = …", "PYTHONHASHSEED = …", "PYTHONIOENCODING = …", "PYTHONPATH = …",
                "PYTHONUNBUFFERED = 1", "TMPDIR = …", "TZ = UTC",
            ])
        #expect(!fixture.project.exists("content/01-test/__pycache__"))
    }

    @Test func aRequestMissingFromTheCassetteFailsAndKeepsThePreviousTranscript() async throws {
        let fixture = try await RunnerFixture.make()
        defer { fixture.remove() }
        let listing = try fixture.listing(
            file: "ask.py", language: "python",
            """
            import anthropic
            anthropic.Anthropic(max_retries=0).messages.create(model="m", max_tokens=5, messages=[{"role": "user", "content": "hi"}])
            """)
        try fixture.project.write("content/01-test/runs/ask.transcript.json", "previous\n")
        await #expect(throws: RunError.self) { try await fixture.run(listing) }
        #expect(try fixture.project.read("content/01-test/runs/ask.transcript.json") == "previous\n")
    }
}
