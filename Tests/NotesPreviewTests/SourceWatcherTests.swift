import Foundation
import NotesDiagnostics
import Testing

@testable import NotesPreview

/// What `notes serve` hears of changes under `content/` and `templates/`, with real files: each
/// behaviour for inotify (Linux) and for polling.
@Suite struct SourceWatcherTests {
    @Test(arguments: WatchSandbox.Method.all)
    func aWriteIsReportedWithItsPath(method: WatchSandbox.Method) async throws {
        let sandbox = try WatchSandbox(for: method)
        defer { sandbox.removeAll() }
        let watcher = try sandbox.watch(method)
        defer { watcher.stop() }
        try sandbox.write("content/01-first/note.md", "# First, again\n")
        #expect(try await change(of: watcher) == [sandbox.path("content/01-first/note.md")])
        try sandbox.write("templates/page.html", "<html><body></body></html>\n")
        #expect(try await change(of: watcher) == [sandbox.path("templates/page.html")])
    }

    @Test(arguments: WatchSandbox.Method.all)
    func anEditorSaveIsOneChangeOfTheFileAndItsHiddenTemporaryIsNotSeen(method: WatchSandbox.Method) async throws {
        let sandbox = try WatchSandbox(for: method)
        defer { sandbox.removeAll() }
        let watcher = try sandbox.watch(method)
        defer { watcher.stop() }
        try sandbox.write("content/01-first/.note.md.tmp", "# First, saved\n")
        try sandbox.move("content/01-first/.note.md.tmp", to: "content/01-first/note.md")
        #expect(try await change(of: watcher) == [sandbox.path("content/01-first/note.md")])
        #expect(try await change(of: watcher, within: .milliseconds(300)) == nil, "reported once")
    }

    @Test(arguments: WatchSandbox.Method.all)
    func aNewNoteFolderIsReportedWithItsFileAndLaterWritesInItToo(method: WatchSandbox.Method) async throws {
        let sandbox = try WatchSandbox(for: method)
        defer { sandbox.removeAll() }
        let watcher = try sandbox.watch(method)
        defer { watcher.stop() }
        try sandbox.write("content/02-second/note.md", "# Second\n")
        let created = try await changes(of: watcher, until: [sandbox.path("content/02-second/note.md")])
        #expect(created == [sandbox.path("content/02-second"), sandbox.path("content/02-second/note.md")])

        try sandbox.write("content/02-second/note.md", "# Second, edited\n")
        #expect(try await change(of: watcher) == [sandbox.path("content/02-second/note.md")])
        // A `runs/` folder made later, with a file at once: watched too.
        try sandbox.write("content/02-second/runs/demo.transcript.json", "{}\n")
        let run = try await changes(of: watcher, until: [sandbox.path("content/02-second/runs/demo.transcript.json")])
        #expect(run == [sandbox.path("content/02-second/runs"), sandbox.path("content/02-second/runs/demo.transcript.json")])
        try sandbox.write("content/02-second/runs/demo.transcript.json", "{\"steps\": []}\n")
        #expect(try await change(of: watcher) == [sandbox.path("content/02-second/runs/demo.transcript.json")])
    }

    @Test(arguments: WatchSandbox.Method.all)
    func foldersMadeInOneGoAreAllWatchedAndTheirFilesFound(method: WatchSandbox.Method) async throws {
        let sandbox = try WatchSandbox(for: method)
        defer { sandbox.removeAll() }
        let watcher = try sandbox.watch(method)
        defer { watcher.stop() }
        // `mkdir -p` then a file at the bottom, quicker than a watch on each level can be added.
        try sandbox.write("content/03-third/runs/deep/a.json", "{}\n")
        try sandbox.write("content/03-third/note.md", "# Third\n")
        let expected = sandbox.paths([
            "content/03-third", "content/03-third/runs", "content/03-third/runs/deep", "content/03-third/runs/deep/a.json",
            "content/03-third/note.md",
        ])
        #expect(try await changes(of: watcher, until: expected) == expected)
        try sandbox.write("content/03-third/runs/deep/a.json", "[]\n")
        #expect(try await change(of: watcher) == [sandbox.path("content/03-third/runs/deep/a.json")])
    }

    @Test(arguments: WatchSandbox.Method.all)
    func aRemovedFolderIsReportedWithItsFiles(method: WatchSandbox.Method) async throws {
        let sandbox = try WatchSandbox(for: method)
        defer { sandbox.removeAll() }
        let watcher = try sandbox.watch(method)
        defer { watcher.stop() }
        try sandbox.remove("content/01-first")
        let expected = sandbox.paths(["content/01-first", "content/01-first/note.md", "content/01-first/listing.py"])
        #expect(try await changes(of: watcher, until: expected) == expected)
        // Made again under the same name: watched again.
        try sandbox.write("content/01-first/note.md", "# First, back\n")
        let back = try await changes(of: watcher, until: [sandbox.path("content/01-first/note.md")])
        #expect(back == [sandbox.path("content/01-first"), sandbox.path("content/01-first/note.md")])
    }

    @Test(arguments: WatchSandbox.Method.all)
    func aFolderRenamedIsReportedUnderBothNamesAndWatchedUnderItsNewOne(method: WatchSandbox.Method) async throws {
        let sandbox = try WatchSandbox(for: method)
        defer { sandbox.removeAll() }
        let watcher = try sandbox.watch(method)
        defer { watcher.stop() }
        try sandbox.move("content/01-first", to: "content/01-renamed")
        let moved = try await changes(of: watcher, until: sandbox.paths(["content/01-first", "content/01-renamed"]))
        #expect(moved.isSuperset(of: sandbox.paths(["content/01-first", "content/01-renamed", "content/01-renamed/note.md"])))
        try sandbox.write("content/01-renamed/note.md", "# Renamed\n")
        #expect(try await change(of: watcher) == [sandbox.path("content/01-renamed/note.md")])
    }

    @Test(arguments: WatchSandbox.Method.all)
    func changesMadeWhileNobodyWaitsAreReturnedByTheNextCall(method: WatchSandbox.Method) async throws {
        let sandbox = try WatchSandbox(for: method)
        defer { sandbox.removeAll() }
        let watcher = try sandbox.watch(method)
        defer { watcher.stop() }
        try sandbox.write("content/01-first/note.md", "# First, 1\n")
        #expect(try await change(of: watcher) == [sandbox.path("content/01-first/note.md")])
        // The caller is busy (rebuilding): three changes, far enough apart to be separate batches.
        try sandbox.write("content/01-first/note.md", "# First, 2\n")
        try await Task.sleep(for: .milliseconds(200))
        try sandbox.write("content/01-first/listing.py", "print('bye')\n")
        try await Task.sleep(for: .milliseconds(200))
        try sandbox.write("templates/page.html", "<html>2</html>\n")
        try await Task.sleep(for: .seconds(1))
        let kept = try await change(of: watcher)
        #expect(kept == sandbox.paths(["content/01-first/note.md", "content/01-first/listing.py", "templates/page.html"]))
    }

    @Test(arguments: WatchSandbox.Method.all)
    func hiddenAndBackupNamesDoNotWakeTheCaller(method: WatchSandbox.Method) async throws {
        let sandbox = try WatchSandbox(for: method)
        defer { sandbox.removeAll() }
        let watcher = try sandbox.watch(method)
        defer { watcher.stop() }
        try sandbox.write("content/01-first/.note.md.swp", "swap")
        try sandbox.write("content/01-first/note.md~", "# First (backup)\n")
        try sandbox.write("content/.notes/cache/state.json", "{}")
        try sandbox.write("content/.notes/cache/state.json", "{\"again\": true}")
        try sandbox.move("content/01-first/.note.md.swp", to: "content/01-first/.note.md.swx")
        try sandbox.remove("content/01-first/.note.md.swx")
        #expect(try await change(of: watcher, within: .milliseconds(300)) == nil)
        // Nothing of them was kept either.
        try sandbox.write("content/01-first/note.md", "# First, edited\n")
        #expect(try await change(of: watcher) == [sandbox.path("content/01-first/note.md")])
    }

    @Test(arguments: WatchSandbox.Method.all)
    func cancellingEndsTheWaitPromptlyAndKeepsTheWatcherGoing(method: WatchSandbox.Method) async throws {
        let sandbox = try WatchSandbox(for: method)
        defer { sandbox.removeAll() }
        let watcher = try sandbox.watch(method)
        defer { watcher.stop() }
        let waiting = Task { try await watcher.nextChange() }
        try await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        // Ends long before the 10 s nothing-came answer.
        let ended = try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask {
                do {
                    _ = try await waiting.value
                    return "returned"
                } catch is CancellationError {
                    return "cancelled"
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(10))
                return "still waiting"
            }
            defer { group.cancelAll() }
            return try await group.next() ?? ""
        }
        #expect(ended == "cancelled")
        try sandbox.write("content/01-first/note.md", "# First, after\n")
        #expect(try await change(of: watcher) == [sandbox.path("content/01-first/note.md")])
    }

    @Test(arguments: WatchSandbox.Method.all)
    func stoppingEndsWaitsNowAndLater(method: WatchSandbox.Method) async throws {
        let sandbox = try WatchSandbox(for: method)
        defer { sandbox.removeAll() }
        let watcher = try sandbox.watch(method)
        let waiting = Task { try await watcher.nextChange() }
        try await Task.sleep(for: .milliseconds(50))
        watcher.stop()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        await #expect(throws: CancellationError.self) { try await watcher.nextChange() }
        watcher.stop()
    }

    @Test func pollingIsChosenByTheEnvironmentAndInotifyOtherwiseOnLinux() throws {
        let sandbox = try WatchSandbox()
        defer { sandbox.removeAll() }
        let folders = [sandbox.content, sandbox.templates]
        let forced = SourceWatcher.start(folders: folders, environment: ["NOTES_WATCH": "poll"])
        defer { forced.stop() }
        #expect(forced is PollingWatcher)
        #expect((forced as? PollingWatcher)?.fallbackReason == nil, "polling was asked for: nothing to tell")
        let automatic = SourceWatcher.start(folders: folders, environment: [:])
        defer { automatic.stop() }
        #if os(Linux)
            #expect(automatic is InotifyWatcher)
        #else
            #expect(automatic is PollingWatcher)
        #endif
    }

    #if os(Linux)
        /// When inotify stops covering the folders during a session (a watched folder itself moved
        /// away), the watcher polls from then on and says why, for `notes serve` to tell the author.
        @Test func inotifyThatStopsCoveringTheFoldersSaysWhyItPollsNow() async throws {
            let sandbox = try WatchSandbox(for: .inotify)
            defer { sandbox.removeAll() }
            let watcher = try sandbox.watch(.inotify)
            defer { watcher.stop() }
            #expect(watcher.fallbackReason == nil)
            try FileManager.default.moveItem(at: sandbox.templates, to: sandbox.root.appendingPathComponent("templates-aside"))
            let changed = try #require(try await change(of: watcher))
            #expect(changed.contains(sandbox.templates.path), "\(changed)")
            let reason = try #require(watcher.fallbackReason)
            #expect(reason.message == "inotify cannot watch the sources, so they are polled every 0.3 s instead")
            #expect(reason.reasons.first?.contains(sandbox.templates.path) == true, "\(reason.reasons)")
        }
    #endif

    @Test func aMissingFolderMeansPollingWhichNoticesItWhenItIsMade() async throws {
        let sandbox = try WatchSandbox()
        defer { sandbox.removeAll() }
        let missing = sandbox.root.appendingPathComponent("assets", isDirectory: true)
        let watcher = SourceWatcher.start(folders: [sandbox.content, missing], environment: [:])
        defer { watcher.stop() }
        #expect(watcher is PollingWatcher)
        #if os(Linux)
            // The author hears why, once (`notes serve` prints it).
            let reason = try #require((watcher as? PollingWatcher)?.fallbackReason)
            #expect(reason.message == "inotify cannot watch the sources, so they are polled every 0.3 s instead")
            #expect(reason.reasons == ["inotify_add_watch(\(missing.path)): No such file or directory"])
        #endif
        try sandbox.write("assets/logo.svg", "<svg/>")
        #expect(try await changes(of: watcher, until: [sandbox.path("assets/logo.svg")]) == [sandbox.path("assets/logo.svg")])
    }
}
