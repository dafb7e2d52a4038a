import Foundation

// Stored runs (runs/<listing>.cassette.json and .transcript.json) that are broken, as `notes check`,
// `notes build` and `notes run` see them. Problems are reported at the listing's fence in the note.
extension BadInputCase {
    static let runRecordCases: [BadInputCase] = {
        let fence = Corpus.seedListingFence
        let cassette = Corpus.seedCassette
        let transcript = Corpus.seedTranscript
        let noReplay = ["check", "--no-replay"]
        let stale = "\(fence): error: the stored run of parallel_tools.py is stale"
        let unreadable = "\(fence): error: cannot read the stored run of parallel_tools.py"
        let notExpected = "is not"
        var cases: [BadInputCase] = [
            // Cassettes, `notes check --no-replay`.
            BadInputCase(
                name: "cassette-not-json", edits: [.write(cassette, "not json\n")], command: noReplay,
                expect: [stale, "runs/parallel_tools.cassette.json is not a readable cassette (not JSON)"]),
            BadInputCase(
                name: "cassette-truncated", edits: [Corpus.truncate(cassette, to: 1000)], command: noReplay,
                expect: [stale, "is not a readable cassette"]),
            BadInputCase(
                name: "cassette-empty", edits: [.write(cassette, "")], command: noReplay, expect: [stale, "is not a readable cassette"]),
            BadInputCase(
                name: "cassette-json-array", edits: [.write(cassette, "[1, 2]\n")], command: noReplay,
                expect: [stale, "is not a readable cassette"], reject: ["changed since the run"]),
            BadInputCase(
                name: "cassette-wrong-shape", edits: [.write(cassette, "{\"log\": 5}\n")], command: noReplay,
                expect: [stale, "is not a readable cassette"], reject: ["changed since the run"]),
            BadInputCase(
                name: "cassette-deleted", edits: [.remove(cassette)], command: noReplay,
                expect: [stale, "runs/parallel_tools.cassette.json is missing"]),
            BadInputCase(
                name: "cassette-is-a-folder", edits: [.remove(cassette), .makeFolder(cassette)], command: noReplay,
                expect: [stale], reject: ["is missing"]),
            BadInputCase(
                name: "cassette-deeply-nested-json",
                edits: [.write(cassette, String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000))],
                command: noReplay, expect: [stale, "is not a readable cassette"]),
            BadInputCase(
                name: "cassette-invalid-utf8",
                edits: [
                    .transform(cassette) { data in
                        var data = data
                        data.insert(0xFF, at: data.range(of: Data("\"log\"".utf8))!.lowerBound + 2)
                        return data
                    }
                ],
                command: noReplay, expect: [stale]),
            BadInputCase(
                name: "runs-folder-replaced-by-a-file",
                edits: [.remove("\(Corpus.seedDir)/runs"), .write("\(Corpus.seedDir)/runs", "x\n")],
                command: noReplay,
                expect: ["\(fence): error: cannot read the stored run", "runs is a file, not a folder", "a plain folder"]),

            // Transcripts, `notes check --no-replay`.
            BadInputCase(
                name: "transcript-not-json", edits: [.write(transcript, "not json\n")], command: noReplay,
                expect: [unreadable, "Reason: the transcript is not valid JSON"]),
            BadInputCase(
                name: "transcript-truncated", edits: [Corpus.truncate(transcript, to: 2000)], command: noReplay,
                expect: [unreadable, "the transcript is not valid JSON"]),
            BadInputCase(
                name: "transcript-empty", edits: [.write(transcript, "")], command: noReplay, expect: [unreadable]),
            BadInputCase(
                name: "transcript-json-array", edits: [.write(transcript, "[]\n")], command: noReplay,
                expect: [unreadable], reject: ["the transcript's the top level"]),
            BadInputCase(
                name: "transcript-deeply-nested-json",
                edits: [.write(transcript, String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000))],
                command: noReplay, expect: [unreadable]),
            BadInputCase(
                name: "transcript-invalid-utf8",
                edits: [
                    .transform(transcript) { data in
                        var data = data
                        data.insert(0xFF, at: data.range(of: Data("\"command\"".utf8))!.lowerBound + 3)
                        return data
                    }
                ],
                command: noReplay, expect: [unreadable]),
            BadInputCase(
                name: "transcript-is-a-folder", edits: [.remove(transcript), .makeFolder(transcript)], command: noReplay,
                expect: [unreadable]),
            BadInputCase(
                name: "transcript-deleted", edits: [.remove(transcript)], command: noReplay,
                expect: ["\(fence): error: parallel_tools.py has no stored run"]),
            BadInputCase(
                name: "transcript-duration-is-text", edits: [Corpus.transcript { $0["duration_ms"] = "slow" }], command: noReplay,
                expect: [unreadable, "the transcript's duration_ms is not a number"]),
            BadInputCase(
                name: "transcript-schema-is-text", edits: [Corpus.transcript { $0["schema"] = "1" }], command: noReplay,
                expect: [unreadable, "the transcript's schema is not a number"]),
        ]
        for field in ["steps", "output", "exit", "listing", "schema", "argv", "model_calls"] {
            cases.append(
                BadInputCase(
                    name: "transcript-missing-\(field)", edits: [Corpus.transcript { $0[field] = nil }], command: noReplay,
                    expect: [unreadable, "the transcript has no `\(field)`"]))
        }
        let wrongTypes: [(String, @Sendable () -> Any)] = [
            ("output", { "x" }), ("exit", { 3 }), ("steps", { ["a": 1] }), ("model_calls", { 5 }), ("argv", { "python" }),
            ("listing", { [1] }),
        ]
        for (field, value) in wrongTypes {
            cases.append(
                BadInputCase(
                    name: "transcript-\(field)-wrong-type", edits: [Corpus.transcript { $0[field] = value() }], command: noReplay,
                    expect: [unreadable, "the transcript's \(field) \(notExpected)"]))
        }
        cases += [
            // `notes build` warns (the page shows the run is stale or missing) and still builds.
            BadInputCase(
                name: "build-with-cassette-not-json", edits: [.write(cassette, "not json\n")], status: 0,
                expect: ["\(fence): warning: the stored run of parallel_tools.py is stale", "is not a readable cassette"]),
            BadInputCase(
                name: "build-with-cassette-deleted", edits: [.remove(cassette)], status: 0,
                expect: ["\(fence): warning: the stored run of parallel_tools.py is stale", "is missing"]),
            BadInputCase(
                name: "build-with-transcript-not-json", edits: [.write(transcript, "{\n")], status: 0,
                expect: ["\(fence): warning: cannot read the stored run of parallel_tools.py"]),
            BadInputCase(
                name: "build-with-transcript-missing-steps", edits: [Corpus.transcript { $0["steps"] = nil }], status: 0,
                expect: ["\(fence): warning: cannot read the stored run of parallel_tools.py", "no `steps`"]),
            BadInputCase(
                name: "build-with-transcript-symlinked-outside",
                edits: [.moveOutside("\(Corpus.seedDir)/runs")], status: 0,
                expect: ["\(fence): warning: cannot read the stored run", "runs/ leads outside the note's folder", "a plain folder"]),
            BadInputCase(
                name: "run-with-runs-symlinked-outside",
                edits: [.moveOutside("\(Corpus.seedDir)/runs")], command: ["run", "--fast"],
                expect: ["\(fence): error: cannot store the run of parallel_tools.py: runs/ leads outside", "a plain folder"]),

            // `notes check` with replay.
            BadInputCase(
                name: "check-replay-cassette-not-json", edits: [.write(cassette, "not json\n")], command: ["check"],
                expect: [stale, "not a readable cassette"]),
            BadInputCase(
                name: "check-replay-transcript-drift",
                edits: [.replace(transcript, "personal assistant", "personal assistent")], command: ["check"],
                expect: ["\(fence): error: 03-do-it-all-at-once/parallel_tools.py no longer prints what its stored run shows"]),
            BadInputCase(
                name: "check-replay-listing-changed", edits: [.replace(Corpus.seedListing, "check_calendar", "check_calendars")],
                command: ["check"], expect: [stale, "parallel_tools.py changed since the run"]),

            // `notes run` (replay) that fails keeps the previous transcript and cassette.
            BadInputCase(
                name: "run-cassette-not-json", edits: [.write(cassette, "not json\n")], command: ["run", "--fast"],
                expect: ["parallel_tools.cassette.json", "cannot read the cassette"],
                oneOf: ["\(cassette):1:1: error:", "\(fence): error:"]),
            BadInputCase(
                name: "run-cassette-truncated", edits: [Corpus.truncate(cassette, to: 1000)], command: ["run", "--fast"],
                expect: ["cannot read the cassette"], oneOf: ["\(cassette):", "\(fence): error:"]),
            BadInputCase(
                name: "run-cassette-wrong-shape", edits: [.write(cassette, "{\"log\": 5}\n")], command: ["run", "--fast"],
                expect: ["cannot read the cassette"]),
            BadInputCase(
                name: "run-cassette-deleted", edits: [.remove(cassette)], command: ["run", "--fast"],
                expect: ["\(fence): error:"]),
            BadInputCase(
                name: "run-listing-sends-a-request-the-cassette-lacks",
                edits: [.replace(Corpus.seedListing, "check_calendar", "check_calendars")], command: ["run", "--fast"],
                expect: ["\(fence): error: 03-do-it-all-at-once/parallel_tools.py sent a request its cassette does not hold"]),
        ]
        return cases
    }()
}
