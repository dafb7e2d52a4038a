import Foundation
import NotesTestSupport
import Testing

/// The run player (`templates/assets/player.js`) as a reader's browser runs it: the built seed note
/// opened from `file://` in headless Chromium, driven over the DevTools protocol by
/// `Fixtures/player_check.py` with real clicks, keys and media settings.
///
/// Serialized: each test drives a browser through a replay, and several at once on a small machine
/// would only slow each other down.
@Suite("Player", .serialized) struct PlayerBrowserTests {
    static let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/player_check.py")
    static let seedPage = "site/notes/03-do-it-all-at-once/index.html"
    static let panel = "listing-1-run"

    /// Runs one scenario of the driver on `page` of a built `project` and decodes what it printed.
    func drive<Result: Decodable>(
        _ scenario: String, _ arguments: [String] = [], in project: TestProject, page: String = seedPage, as _: Result.Type
    ) async throws -> Result {
        let url = project.root.appendingPathComponent(page).absoluteString
        let result = try await HeadlessBrowser().runDriver(
            Self.driver, arguments: [scenario, url] + arguments, directory: project.root, timeout: .seconds(180))
        guard result.status == 0 else {
            Issue.record("player_check.py \(scenario) exited \(result.status):\n\(result.stderr.suffix(3000))")
            throw DriverFailed()
        }
        return try JSONDecoder().decode(Result.self, from: Data(result.stdout.utf8))
    }

    /// Builds the seed project and runs one scenario on its note page.
    func driveSeed<Result: Decodable>(_ scenario: String, _ arguments: [String] = [], as type: Result.Type) async throws -> Result {
        let project = try TestProject()
        defer { project.remove() }
        try await project.build()
        return try await drive(scenario, arguments, in: project, as: type)
    }

    struct DriverFailed: Error {}

    @Test func aLinkToAMomentShowsTheRunAsItWasThen() async throws {
        let result = try await driveSeed("moment", ["4.2"], as: Moments.self)
        #expect(result.errors.isEmpty, "console errors: \(result.errors)")
        let state = try #require(result.moments.first?.state)
        #expect(state.fileURL)
        let data = state.data
        // Exactly the lines printed by 4.2 s, after the prompt and command; no exit status yet.
        let printed = zip(state.lineTexts, data.lines).filter { $0.1 <= 4200 }.map(\.0)
        #expect(printed.count < state.lineTexts.count && !printed.isEmpty)
        #expect(state.outputText == "$ \(state.command)\n" + printed.joined())
        // The step under way at 4.2 s is highlighted, in the list and in the lanes; later ones are marked.
        let active = try #require(data.steps.last { $0.start <= 4200 })
        #expect(state.current == ["\(Self.panel)-step-\(active.n)"])
        #expect(!state.currentBars.isEmpty && state.currentBars.allSatisfy { $0 == "\(active.n)" })
        #expect(state.futureSteps == data.steps.filter { $0.start > 4200 }.map { "\(Self.panel)-step-\($0.n)" })
        #expect(state.stepsOpen == true)
        #expect(state.replaying)
        #expect(state.playLabel == "Play")
        #expect(state.time == "4.2 s / 6.2 s")
        #expect(abs((state.scrub ?? 0) - 4200) <= 10)
        // The playhead is drawn on the lanes at 4.2 s, in the drawing's own coordinates.
        let lanes = try #require(data.lanes)
        let playhead = try #require(state.playhead)
        #expect(playhead.shown)
        #expect(abs(playhead.x - (lanes.left + 4200 / lanes.endMS * (lanes.right - lanes.left))) < 0.01)
        // The page scrolled to the panel.
        #expect(abs(state.panelTop) <= 1)
    }

    @Test func playingAtFourTimesSpeedShowsLinesInOrderAndEndsAsThePageBegan() async throws {
        let result = try await driveSeed("play", as: Played.self)
        #expect(result.errors.isEmpty, "console errors: \(result.errors)")
        let lines = result.before.data.lines
        // Every line was hidden when the replay started, then shown in the transcript's order, never before its time.
        #expect(result.hiddenAtSomePoint == lines.count)
        #expect(result.appeared.map { Int($0[0]) } == Array(0..<lines.count))
        for shown in result.appeared where Int(shown[0]) < lines.count {
            let (index, at) = (Int(shown[0]), shown[1])
            #expect(at + 10 >= Double(lines[index]), "line \(index) shown at \(at) ms, printed at \(lines[index]) ms")
        }
        // The end of the run is the final state again: all of it, nothing marked.
        let after = result.after
        #expect(!after.replaying)
        #expect(after.marked == 0)
        #expect(after.playLabel == "Play")
        #expect(after.time == "6.2 s / 6.2 s")
        #expect(after.playhead?.shown == false)
        #expect(after.outputText == result.before.outputText)
        #expect(after.entries == result.before.entries)
        #expect(result.stepsTextAfter == result.stepsTextBefore)
        // The live region said each change once, and when the run ended. (At 4x a step may pass before
        // it is announced; the keyboard test checks step announcements.)
        #expect(result.said.last == "End of the run, 6.2 seconds")
        #expect(Set(result.said).count == result.said.count, "said twice: \(result.said)")
    }

    @Test func withoutJavaScriptThePageReadsTheSameAsBeforeThePlayer() async throws {
        let result = try await driveSeed("text", as: Texts.self)
        #expect(result.errors.isEmpty, "console errors: \(result.errors)")
        // With or without the script, the page reads the same, once the player's controls are left out.
        #expect(result.off == result.on)
        #expect(result.offOpened == result.onOpened)
        #expect(result.controlsShown == 0, "player controls shown without JavaScript")
        #expect(result.onControls == ["visible", "visible"])
        #expect(
            result.copyButtons == [
                "Copy code", "Copy output",
                "Copy action 1 of step 1", "Copy observation 1 of step 1",
                "Copy action 1 of step 2", "Copy observation 1 of step 2", "Copy action 2 of step 2", "Copy observation 2 of step 2",
                "Copy action 1 of step 3", "Copy observation 1 of step 3",
            ])
        // And it reads as the page did before the player (commit 4bc6464, every <details> opened),
        // plus only each step's time range and the "Show all N lines" toggle.
        expectSnapshot(result.offOpenedWithoutAdditions, named: "pre-player-text.txt")
        #expect(result.stepTimes == ["2.5–3.3 s", "3.3–3.9 s", "3.9–5.1 s", "5.1–5.7 s"])
        #expect(result.moreLabel == "Show all 52 lines")
        // A link to a step opens the step list there: Chromium does it without a script ...
        #expect(result.offStepLinkOpens)
        // ... and with it, following a bar of the lanes opens the list, scrolls to the step and marks it.
        #expect(result.onStepLink.open && result.onStepLink.target && result.onStepLink.inView)
        #expect(result.onStepLink.background != "rgba(0, 0, 0, 0)")
    }

    @Test func theKeyboardAloneDrivesThePlayer() async throws {
        let result = try await driveSeed("keys", as: Keys.self)
        #expect(result.errors.isEmpty, "console errors: \(result.errors)")
        // Tab reaches the panel's player group, with its focus shown.
        #expect(result.group.id == "\(Self.panel)-player")
        #expect(result.group.role == "group" && result.group.outline)
        // Space plays ("Pause" is then the button's name) and pauses.
        #expect(result.afterSpace == "Pause")
        #expect(result.afterSecondSpace == "Play")
        // Right arrow moves on a step at a time: the highlight moves, and the live region says where, once.
        #expect(result.afterRight.current == ["\(Self.panel)-step-2"])
        #expect(!result.afterRight.currentBars.isEmpty && result.afterRight.currentBars.allSatisfy { $0 == "2" })
        #expect(result.afterRight.status == "Step 2 of 4, 3.3 seconds")
        #expect(result.statusSeen.last == "Step 2 of 4, 3.3 seconds")
        #expect(Set(result.statusSeen).count == result.statusSeen.count, "announced twice: \(result.statusSeen)")
        #expect(result.afterLeft.current == ["\(Self.panel)-step-1"])
        // Every control is a real one, reached by Tab, named, and shows its focus.
        let reached = result.reached.map { "\($0.role ?? "?") \($0.name ?? "?")" }
        for control in [
            "button Play", "button Previous step", "button Next step", "combobox Speed", "checkbox Skip start-up and idle gaps",
            "button Copy link to this moment", "slider Time in the run",
        ] {
            #expect(reached.contains(control), "\(control) not reached by Tab: \(reached)")
        }
        for control in result.reached {
            #expect(control.outline, "no visible focus on \(control.role ?? "?") \(control.name ?? "?")")
            #expect(!(control.name ?? "").isEmpty, "a \(control.role ?? "?") without a name")
        }
        // "Copy link to this moment" copies the page's address with the panel and the time.
        #expect(result.linkStatus == "Link to 2.52 s copied")
        #expect(result.clipboard == result.expectedLink)
    }

    @Test func axeFindsNothingSeriousWithOrWithoutJavaScriptInEitherTheme() async throws {
        let axe = repositoryRoot().appendingPathComponent(".notes/browser-tools/axe_playwright_python/axe.min.js")
        guard FileManager.default.fileExists(atPath: axe.path) else {
            Issue.record(
                """
                axe-core is missing: python3 -m pip install --no-deps --target .notes/browser-tools -r Tests/Browser/requirements.txt \
                (script/test does)
                """)
            return
        }
        let result = try await driveSeed("axe", [axe.path], as: AxeRuns.self)
        #expect(result.errors.isEmpty, "console errors: \(result.errors)")
        #expect(result.runs.count == 10)
        for (name, run) in result.runs {
            #expect(run.dark == name.contains("dark"), "\(name): the theme was not applied")
            #expect(run.playerRan == name.hasPrefix("on"), "\(name): the player ran \(run.playerRan)")
            let serious = run.violations.filter { $0.impact == "serious" || $0.impact == "critical" }
            #expect(serious.isEmpty, "axe \(run.version), \(name): \(serious.map { "\($0.id) (\($0.impact ?? "")) on \($0.nodes)" })")
        }
    }

    @Test func streamedTextShowsWhatHadArrivedByTheMoment() async throws {
        let project = try TestProject(notes: [])
        defer { project.remove() }
        try project.write("content/01-x/note.md", "---\ntitle: X\ndate: 2026-01-01\n---\n\n```python file=agent.py run\n```\n")
        try project.write("content/01-x/agent.py", "print('hi')\n")
        try project.write("content/01-x/runs/agent.transcript.json", Self.streamedTranscript)
        try await project.build()
        let result = try await drive("moment", ["1.25,1.65,9"], in: project, page: "site/notes/01-x/index.html", as: Moments.self)
        #expect(result.errors.isEmpty, "console errors: \(result.errors)")
        let states = result.moments.map(\.state)
        try #require(states.count == 3)
        let thought = "Check both calendars first."
        let says = "Both are free at 2pm."
        // At 1.25 s the thinking has arrived up to 15 characters; the reply has not begun.
        #expect(states[0].entries.map(\.kind) == ["step-thought", "step-says"])
        #expect(states[0].entries[0].text == String(thought.prefix(15)) && states[0].entries[0].shown)
        #expect(!states[0].entries[1].shown)
        // At 1.65 s the thinking is complete and the reply has 12 characters.
        #expect(states[1].entries[0].text == thought)
        #expect(states[1].entries[1].text == String(says.prefix(12)) && states[1].entries[1].shown)
        #expect(states[1].outputText == "$ python agent.py\n")
        // Past the end, everything is back in full.
        #expect(!states[2].replaying)
        #expect(states[2].entries.map(\.text) == [thought, says])
        #expect(states[2].outputText == "$ python agent.py\nBoth are free at 2pm.\nexit 0")
    }

    @Test func withReducedMotionPlaybackGoesStepByStep() async throws {
        let result = try await driveSeed("reduced", as: Reduced.self)
        #expect(result.errors.isEmpty, "console errors: \(result.errors)")
        let data = result.after.data
        // Only step boundaries are ever shown (to the scrubber's 10 ms), each once, then the end.
        let boundaries = data.steps.map(\.start) + [data.durationMS]
        #expect(result.shown.count == boundaries.count, "shown: \(result.shown)")
        for (shown, boundary) in zip(result.shown, boundaries) {
            #expect(abs(shown - boundary) <= 10, "shown \(shown) ms for the boundary at \(boundary) ms")
        }
        #expect(result.first.time == "2.5 s / 6.2 s")
        #expect(result.first.current == ["\(Self.panel)-step-1"])
        #expect(!result.after.replaying && result.after.marked == 0)
    }

    @Test func aReloadKeepsThePlayheadAndAFreshVisitStartsWhole() async throws {
        let result = try await driveSeed("reload", as: Reloaded.self)
        #expect(result.errors.isEmpty, "console errors: \(result.errors)")
        // notes serve reloads the page on every rebuild: the replay stays where the reader left it ...
        #expect(result.moved.time == "3.3 s / 6.2 s" && result.moved.replaying)
        #expect(result.reloaded.time == result.moved.time)
        #expect(result.reloaded.current == result.moved.current)
        // ... but opening the page again shows the final state, as always.
        #expect(!result.visited.replaying && result.visited.marked == 0)
    }

    @Test func nothingMovesWhenTheScriptLoads() async throws {
        let result = try await driveSeed("shift", as: Shift.self)
        #expect(result.widths.map(\.width) == [360, 1280])
        for width in result.widths {
            // Before the script runs (it is blocked here, as on a slow connection), the controls already
            // take their room; once it has run, every element is where it was and the page is as large.
            #expect(width.scriptBlocked, "player.js ran although blocked (\(width.width) px)")
            #expect(width.errors.isEmpty, "console errors at \(width.width) px: \(width.errors)")
            #expect(width.elements[0] == width.elements[1] && width.elements[0] > 500)
            #expect(width.movedCount == 0, "\(width.movedCount) elements moved at \(width.width) px, e.g. \(width.moved)")
            #expect(width.sizeBefore == width.sizeAfter, "the page's size changed at \(width.width) px")
        }
    }

    /// A streamed run, written by hand: one final step whose thinking and reply came in pieces.
    static let streamedTranscript = """
        {
          "argv": [".notes/venv/bin/python", "agent.py"], "command": "python agent.py", "duration_ms": 3000,
          "exit": {"code": 0, "kind": "exited"},
          "listing": {"path": "agent.py", "sha256": "unchecked"},
          "mode": "replay", "pace": "recorded", "schema": 1, "tool": "notes test", "tool_phases": [],
          "cassette": {"engine": "https://api.anthropic.com", "path": "runs/agent.cassette.json", "provenance": "recorded",
                       "recorded_at": "2026-05-21T09:41:00.000Z", "sha256": "unchecked"},
          "model_calls": [{"attempts": [], "end_ms": 2000, "exchange": 1, "first_event_ms": 1100, "model": "claude-sonnet-4-6",
                           "start_ms": 1000, "stop_reason": "end_turn", "streamed": true, "usage": {}}],
          "output": {"truncated": false, "lines": [{"at_ms": 2100, "stream": "stdout", "text": "Both are free at 2pm."}]},
          "steps": [{"number": 1, "final": true, "model_call": 0, "blocks": [
            {"type": "thinking", "text": "Check both calendars first.", "complete_ms": 1350,
             "arrivals": [{"at_ms": 1100, "length": 5}, {"at_ms": 1200, "length": 15}, {"at_ms": 1300, "length": 27}]},
            {"type": "text", "text": "Both are free at 2pm.", "complete_ms": 1750,
             "arrivals": [{"at_ms": 1500, "length": 4}, {"at_ms": 1600, "length": 12}, {"at_ms": 1700, "length": 21}]}]}]
        }

        """
}

// MARK: - What the driver reports

extension PlayerBrowserTests {
    /// The times a panel carries (`<script class="run-data">`).
    struct RunData: Decodable, Equatable {
        struct Step: Decodable, Equatable {
            var n, start, end: Int
        }
        struct Lanes: Decodable, Equatable {
            var left, right, endMS: Double

            enum CodingKeys: String, CodingKey {
                case left, right
                case endMS = "end_ms"
            }
        }
        var durationMS: Int
        var lines: [Int]
        var steps: [Step]
        var lanes: Lanes?

        enum CodingKeys: String, CodingKey {
            case lines, steps, lanes
            case durationMS = "duration_ms"
        }
    }

    /// What a panel showed at one moment.
    struct PanelState: Decodable {
        struct Playhead: Decodable {
            var x: Double
            var shown: Bool
        }
        struct Entry: Decodable, Equatable {
            var kind: String
            var text: String
            var shown: Bool
            var running: Bool
        }
        var outputText: String
        var lineTexts: [String]
        var command: String
        var data: RunData
        var current, currentBars, futureSteps: [String]
        var stepsOpen: Bool?
        var replaying: Bool
        var time: String
        var scrub: Double?
        var playhead: Playhead?
        var playLabel, status: String
        var marked: Int
        var entries: [Entry]
        var panelTop: Double
        var fileURL: Bool
    }

    struct Moments: Decodable {
        struct Moment: Decodable {
            var seconds: String
            var state: PanelState
        }
        var moments: [Moment]
        var errors: [String]
    }

    struct Played: Decodable {
        /// [line index, the player's time when it was shown], in the order they were shown.
        var appeared: [[Double]]
        var hiddenAtSomePoint: Int
        /// What the live region said, in order.
        var said: [String]
        var before, after: PanelState
        var stepsTextBefore, stepsTextAfter: String
        var errors: [String]
    }

    struct Texts: Decodable {
        struct StepLink: Decodable {
            var open, target, inView: Bool
            var background: String
        }
        var off, offOpened, offOpenedWithoutAdditions, on, onOpened: String
        var stepTimes: [String]
        var moreLabel: String
        var controlsShown: Int
        var offStepLinkOpens: Bool
        var onControls, copyButtons: [String]
        var onStepLink: StepLink
        var errors: [String]
    }

    struct Shift: Decodable {
        struct Width: Decodable {
            var width: Int
            var scriptBlocked: Bool
            var sizeBefore, sizeAfter, elements: [Int]
            var moved: [String]
            var movedCount: Int
            var errors: [String]
        }
        var widths: [Width]
    }

    struct Keys: Decodable {
        struct Focused: Decodable {
            var tag, id: String
            var role, name: String?
            var outline: Bool
        }
        var group: Focused
        var afterSpace: String?
        var afterSecondSpace: String
        var afterRight, afterLeft: PanelState
        var statusSeen: [String]
        var reached: [Focused]
        var linkStatus: String?
        var clipboard, expectedLink: String
        var errors: [String]
    }

    struct AxeRuns: Decodable {
        struct Run: Decodable {
            struct Violation: Decodable {
                var id: String
                var impact: String?
                var nodes: [String]
            }
            var version: String
            var dark, playerRan: Bool
            var violations: [Violation]
        }
        var runs: [String: Run]
        var errors: [String]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            errors = try container.decode([String].self, forKey: Key(stringValue: "errors"))
            runs = [:]
            for key in container.allKeys where key.stringValue != "errors" {
                runs[key.stringValue] = try container.decode(Run.self, forKey: key)
            }
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    struct Reloaded: Decodable {
        var moved, reloaded, visited: PanelState
        var errors: [String]
    }

    struct Reduced: Decodable {
        /// The player's times (the scrubber's value) in the order they were shown.
        var shown: [Int]
        var first, after: PanelState
        var errors: [String]
    }
}
