import Foundation
import NotesRecords

/// What the preview's last build gave, and who is waiting to hear about the next one.
///
/// Every open page holds one subscription (`/_notes/events`); each finished build is sent to all of
/// them, so pages reload after a good build and show the errors of a bad one.
package actor BuildFeed {
    /// One finished build, as pages receive it.
    package struct Build: Sendable, Equatable {
        /// Counts good builds: a page reloads when it grows.
        package var generation: Int
        /// The diagnostics of a failed build, as the terminal prints them; nil after a good build.
        package var error: String?

        package init(generation: Int, error: String?) {
            self.generation = generation
            self.error = error
        }

        /// The server-sent event that carries it.
        var event: String {
            let json = JSONValue.object([
                .init("generation", .number(String(generation))), .init("error", error.map(JSONValue.string) ?? .null),
            ])
            return "event: build\ndata: \(json.text())\n\n"
        }
    }

    /// A listing being run by the preview (`notes serve --run`), as pages show it under the listing.
    package struct LiveRun: Sendable, Equatable {
        package enum Status: String, Sendable { case running, succeeded, failed }
        /// The note's folder and the listing's file: which page and which listing.
        package var slug: String
        package var file: String
        package var status: Status
        /// The `notes run` command that does the same, for the panel's header.
        package var command: String
        /// What it printed so far (the last 256 KiB).
        package var text: String
        /// How it ended, and why it failed (diagnostics as the terminal prints them).
        package var summary: String
        package var problems: String

        package init(slug: String, file: String, command: String) {
            self.slug = slug
            self.file = file
            self.status = .running
            self.command = command
            self.text = ""
            self.summary = ""
            self.problems = ""
        }

        /// The event for it: the whole state, or with `appended` only the new text.
        func event(appended: String? = nil) -> String {
            let json = JSONValue.object([
                .init("slug", .string(slug)), .init("file", .string(file)), .init("status", .string(status.rawValue)),
                .init("command", .string(command)), .init("reset", .bool(appended == nil)),
                .init("text", .string(appended ?? text)), .init("summary", .string(summary)), .init("problems", .string(problems)),
            ])
            return "event: run\ndata: \(json.text())\n\n"
        }
    }

    /// What a subscription delivers.
    package enum Event: Sendable, Equatable {
        case build(Build)
        /// A live run's state (or its new output), as the server-sent event text.
        case run(String)
        /// Nothing new; sent now and then so a page that went away is noticed by the failed write.
        case heartbeat
    }

    package private(set) var latest = Build(generation: 0, error: nil)
    /// Listings the preview is running or ran, by `slug/file`; a good run is forgotten at the next
    /// good build (the page then shows its stored run), a failed one when the listing runs again.
    package private(set) var liveRuns: [String: LiveRun] = [:]
    private var subscribers: [UUID: AsyncStream<Event>.Continuation] = [:]
    /// The page each subscription comes from, when it said.
    private var openPages: [UUID: String] = [:]

    /// The notes whose pages are open in a browser (`03-x` for `/notes/03-x/`): after a template
    /// edit they are filled again first.
    package var openNotes: Set<String> {
        Set(
            openPages.values.compactMap { path in
                // `/notes/<slug>/` or `/notes/<slug>/index.html`, under any base path.
                var parts = path.split(separator: "/")
                if parts.last == "index.html" { parts.removeLast() }
                guard parts.count >= 2, parts[parts.count - 2] == "notes" else { return nil }
                return String(parts.last!)
            })
    }

    private var closed = false

    package init() {}

    /// Records a good build: pages reload.
    package func succeeded() {
        liveRuns = liveRuns.filter { $0.value.status != .succeeded }
        publish(Build(generation: latest.generation + 1, error: nil))
    }

    /// A listing started running: pages showing it open a live panel under it.
    package func runStarted(slug: String, file: String, command: String) {
        let run = LiveRun(slug: slug, file: file, command: command)
        liveRuns[slug + "/" + file] = run
        send(.run(run.event()))
    }

    /// A running listing printed `text`.
    package func runPrinted(slug: String, file: String, text: String) {
        let key = slug + "/" + file
        guard var run = liveRuns[key], run.status == .running else { return }
        run.text += text
        if run.text.utf8.count > 256 * 1024 { run.text = String(run.text.suffix(128 * 1024)) }
        liveRuns[key] = run
        send(.run(run.event(appended: text)))
    }

    /// A listing's run ended.
    package func runFinished(slug: String, file: String, succeeded: Bool, summary: String, problems: String) {
        let key = slug + "/" + file
        guard var run = liveRuns[key] else { return }
        run.status = succeeded ? .succeeded : .failed
        run.summary = summary
        run.problems = problems
        liveRuns[key] = run
        send(.run(run.event()))
    }

    /// Records a failed build: pages keep what they show and display `diagnostics`.
    package func failed(_ diagnostics: String) {
        publish(Build(generation: latest.generation, error: diagnostics))
    }

    /// The builds from now on, starting with the latest one, with a heartbeat every `heartbeat`.
    /// - Parameter page: the path of the page subscribing (`/notes/03-x/`), when it says.
    package func subscribe(page: String? = nil, heartbeat: Duration = .seconds(15)) -> AsyncStream<Event> {
        // Room for a burst of run output; a page too slow to keep up loses the oldest, not the latest build.
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(512))
        guard !closed else {
            continuation.finish()
            return stream
        }
        let id = UUID()
        subscribers[id] = continuation
        if let page { openPages[id] = page }
        continuation.yield(.build(latest))
        for key in liveRuns.keys.sorted() { continuation.yield(.run(liveRuns[key]!.event())) }
        let beats = Task {
            while true {
                do { try await Task.sleep(for: heartbeat) } catch { return }
                continuation.yield(.heartbeat)
            }
        }
        continuation.onTermination = { _ in
            beats.cancel()
            Task { await self.unsubscribe(id) }
        }
        return stream
    }

    /// How many pages are listening.
    package var subscriberCount: Int { subscribers.count }

    /// Ends every subscription, for shutdown.
    package func close() {
        closed = true
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
        openPages[id] = nil
    }

    private func publish(_ build: Build) {
        latest = build
        send(.build(build))
    }

    private func send(_ event: Event) {
        for continuation in subscribers.values { continuation.yield(event) }
    }
}
