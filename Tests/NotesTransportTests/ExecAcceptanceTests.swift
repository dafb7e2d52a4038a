import Foundation
import NotesRecords
import NotesTestSupport
import NotesTransport
import Testing

/// The issue's acceptance: real SDK, real `notes` binary, real subprocesses, a stand-in engine that is
/// stopped before every replay.
@Suite struct ExecAcceptanceTests {
    /// One program recorded through `notes exec --record` and replayed with the stand-in stopped.
    struct RecordedRun {
        var record: TransportProcessResult
        var replay: TransportProcessResult
        var cassette: Cassette
        var folder: URL
        var key: String
    }

    static func recordThenReplay(_ name: String, _ program: [String], replayProgram: [String]? = nil, replayFlags: [String] = ["--fast"])
        async throws -> RecordedRun
    {
        let key = TransportFixtures.key()
        let folder = try TransportFixtures.folder(name)
        let notes = try TransportFixtures.notesBinary().path
        let cassette = folder.appendingPathComponent("cassette.json")
        let standIn = try await TransportStandIn.start(key: key)
        let record = try await runTestProcess(
            [notes, "exec", "--cassette", cassette.path, "--record", "--engine", standIn.url.absoluteString, "--"] + program,
            environment: TransportFixtures.environment(key: key), directory: folder, outputPrefix: folder.appendingPathComponent("record"))
        standIn.stop()
        // Replay with no key anywhere and nothing listening upstream: it must be fully offline.
        let replay = try await runTestProcess(
            [notes, "exec", "-v", "--cassette", cassette.path] + replayFlags + ["--"] + (replayProgram ?? program),
            environment: TransportFixtures.environment(key: nil), directory: folder, outputPrefix: folder.appendingPathComponent("replay"))
        #expect(record.status == 0, "recording failed:\n\(record.stdout)\n\(record.stderr)")
        return RecordedRun(record: record, replay: replay, cassette: try Cassette.load(from: cassette), folder: folder, key: key)
    }

    static func expectIdentical(_ run: RecordedRun, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.replay.status == 0, "replay failed:\n\(run.replay.stderr)", sourceLocation: sourceLocation)
        #expect(!run.record.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(run.replay.stdout == run.record.stdout, "\(lineDiff(run.record.stdout, run.replay.stdout))", sourceLocation: sourceLocation)
        TransportFixtures.expectAbsent(run.key, under: run.folder, sourceLocation: sourceLocation)
    }

    @Test func aToolLoopWithTwoToolCallsInOneTurnReplaysIdentically() async throws {
        let python = try await TransportFixtures.sdkPython().path
        let run = try await Self.recordThenReplay("tool-loop", [python, TransportFixtures.fixture("tool_loop.py").path])
        Self.expectIdentical(run)
        #expect(run.record.stdout.components(separatedBy: "STEP 1 ACTION check_calendar").count == 3, "\(run.record.stdout)")
        #expect(run.record.stdout.contains("STEP 2 SAYS Both calendars checked"))
        #expect(run.cassette.entries.map(\.response.status) == [200, 200])
        #expect(run.cassette.metadata.client == "Anthropic/Python 2.10.0")
        // The second request carries one tool_result per tool_use of the first answer, and echoes
        // the thinking block with its signature.
        let toolUses =
            run.cassette.entries[0].response.body.json?["content"]?.arrayValue?.filter { $0["type"] == "tool_use" }.compactMap { $0["id"] }
            ?? []
        let followUp = try #require(run.cassette.entries[1].request.body.json?["messages"])
        let results = followUp[2]?["content"]?.arrayValue?.compactMap { $0["tool_use_id"] } ?? []
        #expect(toolUses.count == 2 && results == toolUses)
        #expect(followUp[1]?["content"]?[0]?["signature"] == run.cassette.entries[0].response.body.json?["content"]?[0]?["signature"])
    }

    @Test(arguments: ["stand-in-tools", "stand-in-stream-error", "stand-in-stream-drop"])
    func aStreamedCallReplaysIdentically(_ model: String) async throws {
        let python = try await TransportFixtures.sdkPython().path
        // At recorded pace this time, so the SDK reads the events with their recorded gaps.
        let run = try await Self.recordThenReplay(
            "stream-\(model)", [python, TransportFixtures.fixture("stream.py").path, model], replayFlags: [])
        Self.expectIdentical(run)
        let events = try #require(run.cassette.entries.first?.response.body.events)
        switch model {
        case "stand-in-tools":
            for line in ["thinking 'The two", "signature ", "text \"I'll", "input_json '{\"email\"", "final msg_"] {
                #expect(run.record.stdout.contains(line), "\(line) in\n\(run.record.stdout)")
            }
            #expect(events.filter { $0.event == "ping" }.count == 2)
        case "stand-in-stream-error":
            #expect(events.last?.event == "error")
            #expect(run.record.stdout.contains("raised "), "\(run.record.stdout)")
        default:
            #expect(run.cassette.entries[0].response.error != nil)
            #expect(run.record.stdout.contains("raised "), "\(run.record.stdout)")
        }
    }

    @Test(arguments: [
        ("stand-in-overloaded", [529, 529, 200]), ("stand-in-rate-limited", [429, 200]), ("stand-in-error", [500, 200]),
        ("stand-in-drop", [0, 200]),
    ])
    func failedAttemptsReplayAndAreRetriedTheSameWay(_ model: String, _ statuses: [Int]) async throws {
        let python = try await TransportFixtures.sdkPython().path
        let run = try await Self.recordThenReplay("retries-\(model)", [python, TransportFixtures.fixture("retries.py").path, model])
        Self.expectIdentical(run)
        #expect(run.cassette.entries.map(\.response.status) == statuses)
        // The replay served every attempt again, in order: the SDK retried exactly as it did.
        let served = run.replay.stderr.split(separator: "\n").filter { $0.hasPrefix("#") }.map { String($0.split(separator: " ")[3]) }
        #expect(served == statuses.map(String.init), "\(run.replay.stderr)")
        #expect(run.cassette.entries.map { $0.request.headers.value(of: "x-stainless-retry-count") } == statuses.indices.map { String($0) })
    }

    @Test func curlWithAnAPIKeyHeaderWorksTheSameWay() async throws {
        let script = """
            curl -sS -H "x-api-key: $ANTHROPIC_API_KEY" -H 'anthropic-version: 2023-06-01' -H 'content-type: application/json' \
              -d '{"model":"stand-in-echo","max_tokens":16,"messages":[{"role":"user","content":"hello from curl"}]}' "$ANTHROPIC_BASE_URL/v1/messages"
            echo
            curl -sS -N -H "x-api-key: $ANTHROPIC_API_KEY" -H 'content-type: application/json' \
              -d '{"model":"stand-in-echo","stream":true,"messages":[{"role":"user","content":"stream it"}]}' "$ANTHROPIC_BASE_URL/v1/messages"
            curl -sS -H "x-api-key: wrong" "$ANTHROPIC_BASE_URL/v1/models"
            """
        let run = try await Self.recordThenReplay("curl", ["/bin/sh", "-c", script])
        Self.expectIdentical(run)
        #expect(run.record.stdout.contains(#""text":"Echo: hello from curl""#))
        #expect(run.record.stdout.contains("event: message_stop"))
        #expect(run.record.stdout.contains("authentication_error"), "a wrong key is refused by the transport itself")
        #expect(run.cassette.entries.count == 2)
        #expect(run.cassette.entries[0].request.headers.value(of: "anthropic-version") == "2023-06-01")
        #expect(run.cassette.entries[0].request.headers.value(of: "x-api-key") == nil)
    }

    @Test func theProgramNeverSeesTheKeyInRecordOrReplay() async throws {
        let key = TransportFixtures.key()
        let oauth = TransportFixtures.key()
        let folder = try TransportFixtures.folder("environment")
        let notes = try TransportFixtures.notesBinary().path
        let standIn = try await TransportStandIn.start(key: key)
        defer { standIn.stop() }
        var environment = TransportFixtures.environment(key: key)
        environment["ANTHROPIC_AUTH_TOKEN"] = oauth
        environment["NOTES_TEST_COPY"] = "copy:\(key)"
        let cassette = folder.appendingPathComponent("env.json").path
        for mode in [["--record", "--engine", standIn.url.absoluteString], ["--replay"]] {
            let result = try await runTestProcess(
                [notes, "exec", "--cassette", cassette] + mode + [
                    "--", "/usr/bin/env", "python3", TransportFixtures.fixture("print_env.py").path,
                ],
                environment: environment, directory: folder, outputPrefix: folder.appendingPathComponent("env\(mode[0])"))
            #expect(result.status == 0, "\(result.stderr)")
            let seen = try JSONValue(parsing: result.stdout)
            #expect(!result.stdout.contains(key) && !result.stdout.contains(oauth))
            #expect(seen["ANTHROPIC_API_KEY"]?.stringValue?.hasPrefix("notes-run-") == true)
            #expect(seen["ANTHROPIC_BASE_URL"]?.stringValue?.hasPrefix("http://127.0.0.1:") == true)
            #expect(seen["ANTHROPIC_AUTH_TOKEN"] == nil && seen["NOTES_TEST_COPY"] == nil)
        }
        TransportFixtures.expectAbsent(key, under: folder)
    }

    @Test func aReplayMissExitsOneNamingTheRequestAndTheDifference() async throws {
        let python = try await TransportFixtures.sdkPython().path
        let script = TransportFixtures.fixture("tool_loop.py").path
        let run = try await Self.recordThenReplay("miss", [python, script], replayProgram: [python, script, "When is Trish free?"])
        #expect(run.replay.status == 1)
        #expect(
            run.replay.stderr.contains(
                "error: request 1 (POST /v1/messages) is not in the cassette; the closest recorded request is entry 0."),
            "\(run.replay.stderr)")
        #expect(
            run.replay.stderr.contains(
                #"Reason: $.messages[0].content: recorded "When are James and Sarah both free?", now "When is Trish free?""#),
            "\(run.replay.stderr)")
        #expect(run.replay.stderr.contains("help: re-record with --record"))
        #expect(run.replay.stderr.contains("BadRequestError"), "the program itself got the engine-shaped 400")
        TransportFixtures.expectAbsent(run.key, under: run.folder)
    }

    @Test func theKeyMayComeFromTheProjectsDotEnv() async throws {
        let key = TransportFixtures.key()
        let folder = try TransportFixtures.folder("dotenv")
        try Data("# local secrets\nANTHROPIC_API_KEY=\"\(key)\"\n".utf8).write(to: folder.appendingPathComponent(".env"))
        let standIn = try await TransportStandIn.start(key: key)
        defer { standIn.stop() }
        let script =
            #"curl -sS -H "x-api-key: $ANTHROPIC_API_KEY" -d '{"model":"stand-in-echo","messages":[{"role":"user","content":"hi"}]}' "#
            + #""$ANTHROPIC_BASE_URL/v1/messages""#
        let result = try await runTestProcess(
            [
                try TransportFixtures.notesBinary().path, "exec", "-C", folder.path, "--record", "--cassette", "run.json",
                "--engine", standIn.url.absoluteString, "--", "/bin/sh", "-c", script,
            ],
            environment: TransportFixtures.environment(key: nil), directory: FileManager.default.temporaryDirectory,
            outputPrefix: folder.appendingPathComponent("out"))
        #expect(result.status == 0 && result.stdout.contains("Echo: hi"), "\(result.stdout)\n\(result.stderr)")
        #expect(
            FileManager.default.fileExists(atPath: folder.appendingPathComponent("run.json").path),
            "-C makes the cassette path relative to the project")
        TransportFixtures.expectAbsent(key, under: folder, except: [".env"])
    }

    @Test func recordingWithoutAKeyFailsAndSaysWhereToPutIt() async throws {
        let folder = try TransportFixtures.folder("no-key")
        let result = try await runTestProcess(
            [try TransportFixtures.notesBinary().path, "exec", "--record", "--cassette", "run.json", "--", "/bin/true"],
            environment: TransportFixtures.environment(key: nil), directory: folder)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "error: record mode needs the engine's key\n  help: set ANTHROPIC_API_KEY, or put ANTHROPIC_API_KEY=... in the "
                + "project's .env (git-ignored)\n"
        )
    }

    @Test func anInterruptedRecordingLeavesThePreviousCassetteIntact() async throws {
        let key = TransportFixtures.key()
        let folder = try TransportFixtures.folder("interrupted")
        let notes = try TransportFixtures.notesBinary().path
        let standIn = try await TransportStandIn.start(key: key)
        defer { standIn.stop() }
        let call =
            #"curl -sS -H "x-api-key: $ANTHROPIC_API_KEY" -d '{"model":"stand-in-echo","messages":[{"role":"user","content":"hi"}]}' "#
            + #""$ANTHROPIC_BASE_URL/v1/messages""#
        let record = [notes, "exec", "--record", "--cassette", "run.json", "--engine", standIn.url.absoluteString, "--", "/bin/sh", "-c"]
        let first = try await runTestProcess(record + [call], environment: TransportFixtures.environment(key: key), directory: folder)
        #expect(first.status == 0)
        let before = try Data(contentsOf: folder.appendingPathComponent("run.json"))
        // The second run makes a call and then dies of SIGINT, as under Ctrl-C.
        let second = try await runTestProcess(
            record + ["\(call); kill -INT $$"], environment: TransportFixtures.environment(key: key), directory: folder)
        #expect(second.status == 130)
        #expect(second.stderr.contains("interrupted: the cassette was not written"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("run.json")) == before)
        TransportFixtures.expectAbsent(key, under: folder)
    }

    @Test func execHelpMatchesItsGoldenCopy() async throws {
        let result = try await runTestProcess(
            [try TransportFixtures.notesBinary().path, "exec", "--help"],
            environment: ["COLUMNS": "100", "PATH": "/usr/bin:/bin"], directory: try TransportFixtures.folder("help"))
        #expect(result.status == 0)
        expectSnapshot(result.stdout, named: "exec-help.txt")
    }
}
