import Foundation
import NotesPreview
import NotesSite
import NotesTestSupport
import Testing

/// `notes serve`'s session over real loopback HTTP, with curl as the client.
@Suite struct PreviewSessionTests {
    /// A session serving a copy of the seed project on a free port, stopped by `stop()`.
    struct Running {
        let project: TestProject
        let url: URL
        let task: Task<Void, Never>

        /// Returns once the server listens and the first build is done.
        static func start(_ project: TestProject? = nil, session configure: (inout PreviewSession) -> Void = { _ in }) async throws
            -> Running
        {
            let project = try project ?? TestProject()
            let (urls, continuation) = AsyncStream<URL>.makeStream()
            let (builds, built) = AsyncStream<Void>.makeStream()
            var session = PreviewSession(layout: ProjectLayout(root: project.root, displayBase: project.root), port: 0)
            configure(&session)
            let configured = session
            let task = Task {
                try? await configured.run(
                    started: { continuation.yield($0) },
                    report: { outcome in
                        switch outcome {
                        case .built, .failed: built.yield()
                        case .run, .notice: break
                        }
                    })
                continuation.finish()
                built.finish()
            }
            var iterator = urls.makeAsyncIterator()
            var firstBuild = builds.makeAsyncIterator()
            guard let url = await iterator.next(), await firstBuild.next() != nil else {
                project.remove()
                throw NotStarted()
            }
            return Running(project: project, url: url, task: task)
        }

        func stop() async {
            task.cancel()
            await task.value
            project.remove()
        }
    }

    struct NotStarted: Error {}

    /// `curl` with the response's status line and headers before the body; header names are
    /// lower-cased (HTTP/1.1 names are case-insensitive).
    func curl(_ arguments: [String], timeout: Duration = .seconds(30)) async throws -> String {
        let result = try await runTestProcess(
            ["/usr/bin/curl", "-sS", "-i"] + arguments, environment: ["PATH": "/usr/bin:/bin"],
            directory: FileManager.default.temporaryDirectory,
            outputPrefix: FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString)"),
            timeout: timeout)
        let text = result.stdout.replacingOccurrences(of: "\r\n", with: "\n")
        guard let end = text.range(of: "\n\n") else { return text }
        let head = text[..<end.lowerBound].split(separator: "\n").enumerated().map { index, line in
            guard index > 0, let colon = line.firstIndex(of: ":") else { return String(line) }
            return line[..<colon].lowercased() + line[colon...]
        }
        return head.joined(separator: "\n") + text[end.lowerBound...]
    }

    /// Asks for `path` until `condition` holds on the answer (a rebuild takes a few hundred ms).
    func poll(_ url: URL, until condition: (String) -> Bool) async throws -> String {
        var answer = ""
        for _ in 0..<100 {
            answer = try await curl([url.absoluteString])
            if condition(answer) { return answer }
            try await Task.sleep(for: .milliseconds(100))
        }
        return answer
    }

    @Test func servesTheBuiltSiteLikeAStaticHostWithLiveReloadInPages() async throws {
        let running = try await Running.start()
        let base = running.url.absoluteString
        let home = try await curl([base])
        #expect(home.hasPrefix("HTTP/1.1 200 OK\n"))
        #expect(home.contains("content-type: text/html; charset=utf-8"))
        #expect(home.contains("cache-control: no-store"))
        #expect(home.contains("<script id=\"notes-live-reload\">"))
        #expect(home.contains("new EventSource(\"/_notes/events?page=\" + encodeURIComponent(location.pathname))"))
        let folder = try await curl([base + "notes/03-do-it-all-at-once"])
        #expect(folder.hasPrefix("HTTP/1.1 301 Moved Permanently\n"))
        #expect(folder.contains("location: /notes/03-do-it-all-at-once/\n"))
        let listing = try await curl([base + "notes/03-do-it-all-at-once/parallel_tools.py"])
        #expect(listing.contains("content-type: text/plain; charset=utf-8"))
        #expect(listing.contains("def run_tool(name, tool_input):"))
        let css = try await curl(["-I", base + "assets/style.css"])
        #expect(css.hasPrefix("HTTP/1.1 200 OK\n"))
        #expect(css.contains("content-type: text/css; charset=utf-8"))
        let missing = try await curl([base + "no/such/page"])
        #expect(missing.hasPrefix("HTTP/1.1 404 Not Found\n"))
        #expect(missing.contains("Page not found"))
        for escape in ["../content/site.yml", "%2e%2e/content/site.yml", ".site.lock"] {
            let answer = try await curl(["--path-as-is", base + escape])
            #expect(answer.hasPrefix("HTTP/1.1 404 Not Found\n"), "\(escape): \(answer.prefix(200))")
        }
        let post = try await curl(["-X", "POST", base])
        #expect(post.hasPrefix("HTTP/1.1 405 Method Not Allowed\n"))
        #expect(post.contains("allow: GET, HEAD"))
        // The preview has its own folder: the published site is not touched.
        #expect(!running.project.exists("site"))
        #expect(running.project.exists(".notes/preview/site/index.html"))
        await running.stop()
    }

    @Test func aSaveRebuildsAFailedBuildKeepsThePreviousPagesAndEveryPageHearsOfBoth() async throws {
        let running = try await Running.start()
        let page = running.url.appendingPathComponent("notes/03-do-it-all-at-once/")
        // A page's event stream, for the whole test.
        async let events = curl(
            ["-N", "--max-time", "150", running.url.appendingPathComponent("_notes/events").absoluteString], timeout: .seconds(180))
        try await Task.sleep(for: .milliseconds(500))

        let note = "content/03-do-it-all-at-once/note.md"
        let original = try running.project.read(note)
        try running.project.write(
            note, original.replacingOccurrences(of: "title: \"Do it all at once", with: "title: \"Do it all together"))
        let changed = try await poll(page) { $0.contains("Do it all together") }
        #expect(changed.contains("<h1>Do it all together"), "\(changed.prefix(2000))")

        // A bar of Figure 1 that ends before it starts.
        try running.project.write(
            note, try running.project.read(note).replacingOccurrences(of: "search     0.30-0.80", with: "search     0.80-0.30"))
        try await Task.sleep(for: .seconds(1.5))
        let kept = try await curl([page.absoluteString])
        #expect(kept.contains("Do it all together"), "the failed build replaced the page")

        try running.project.write(note, original)
        let restored = try await poll(page) { $0.contains("<h1>Do it all at once") }
        #expect(restored.contains("<h1>Do it all at once"))

        // Stopping the server ends the page's event stream.
        await running.stop()
        let stream = try await events
        #expect(stream.contains("content-type: text/event-stream"))
        let builds = stream.split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { $0.dropFirst(6) }
        let line =
            try #require(original.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "search     0.30-0.80" }) + 1
        #expect(
            builds == [
                #"{"generation":1,"error":null}"#,
                #"{"generation":2,"error":null}"#,
                #"{"generation":2,"error":"content/03-do-it-all-at-once/note.md:\#(line):12: error: the bar `search` ends before it "#
                    + #"starts\n  help: write the earlier time first: `0.30-0.80`"}"#,
                #"{"generation":3,"error":null}"#,
            ], "\(stream)")
    }

    @Test func aBrowserReloadsAfterAGoodBuildAndShowsTheErrorsOfABadOne() async throws {
        let running = try await Running.start()
        defer { Task { await running.stop() } }
        let browser = try HeadlessBrowser()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/live_reload_check.py")
        let result = try await browser.runDriver(
            script,
            arguments: [
                running.url.appendingPathComponent("notes/03-do-it-all-at-once/").absoluteString,
                running.project.root.appendingPathComponent("content/03-do-it-all-at-once/note.md").path,
            ], directory: running.project.root)
        #expect(result.status == 0, "\(result.stderr)")
        struct State: Decodable, Equatable {
            var h1: String?
            var panel: String?
            var marked: Bool
        }
        let seen = try JSONDecoder().decode([String: State].self, from: Data(result.stdout.utf8))
        let title = "Do it all at once: parallel tool calls and how to build them"
        let retitled = "Do it all together: parallel tool calls and how to build them"
        let line =
            try #require(
                try running.project.read("content/03-do-it-all-at-once/note.md")
                    .split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "search     0.30-0.80" }) + 1
        #expect(seen["loaded"] == State(h1: title, panel: nil, marked: false))
        // A good build reloads the page (the mark set before it is gone).
        #expect(seen["retitled"] == State(h1: retitled, panel: nil, marked: false))
        // A bad one keeps the page (mark kept) and shows the errors over it.
        #expect(
            seen["broken"]
                == State(
                    h1: retitled,
                    panel: """
                        notes serve: the last build failed; this page shows the build before it.

                        content/03-do-it-all-at-once/note.md:\(line):12: error: the bar `search` ends before it starts
                          help: write the earlier time first: `0.30-0.80`
                        """,
                    marked: true))
        // Fixed: reloaded, panel gone.
        #expect(seen["fixed"] == State(h1: title, panel: nil, marked: false))
    }

    @Test func onlyRequestsAddressedToThisMachineByALoopbackNameAreAnswered() async throws {
        let running = try await Running.start()
        defer { Task { await running.stop() } }
        let port = running.url.port!
        let page = running.url.absoluteString + "notes/03-do-it-all-at-once/"
        #expect(try await curl([page]).hasPrefix("HTTP/1.1 200"))
        #expect(try await curl(["-H", "Host: localhost:\(port)", page]).hasPrefix("HTTP/1.1 200"))
        // DNS rebinding: a page of evil.example, its name re-pointed at 127.0.0.1, reaches us with its own Host.
        for host in ["evil.example:\(port)", "evil.example", "127.0.0.1.evil.example:\(port)", "10.0.0.1:\(port)"] {
            let answer = try await curl(["-H", "Host: \(host)", page])
            #expect(answer.hasPrefix("HTTP/1.1 403"), "Host: \(host) -> \(answer.prefix(40))")
            #expect(!answer.contains("Do it all at once"))
        }
        let events = try await curl(["-H", "Host: evil.example", "--max-time", "2", running.url.absoluteString + "_notes/events"])
        #expect(events.hasPrefix("HTTP/1.1 403"), "the event stream is refused too")
    }

    @Test func aSymbolicLinkInTheServedFolderLeadingOutIsNotServed() async throws {
        let running = try await Running.start()
        defer { Task { await running.stop() } }
        let output = running.project.root.appendingPathComponent(".notes/preview/site")
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("passwd").path, withDestinationPath: "/etc/passwd")
        let answer = try await curl([running.url.absoluteString + "passwd"])
        #expect(answer.hasPrefix("HTTP/1.1 404"))
        #expect(!answer.contains("root:"))
    }
}
