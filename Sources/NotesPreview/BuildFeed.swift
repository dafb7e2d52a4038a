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

    /// What a subscription delivers.
    package enum Event: Sendable, Equatable {
        case build(Build)
        /// Nothing new; sent now and then so a page that went away is noticed by the failed write.
        case heartbeat
    }

    package private(set) var latest = Build(generation: 0, error: nil)
    private var subscribers: [UUID: AsyncStream<Event>.Continuation] = [:]
    private var closed = false

    package init() {}

    /// Records a good build: pages reload.
    package func succeeded() {
        publish(Build(generation: latest.generation + 1, error: nil))
    }

    /// Records a failed build: pages keep what they show and display `diagnostics`.
    package func failed(_ diagnostics: String) {
        publish(Build(generation: latest.generation, error: diagnostics))
    }

    /// The builds from now on, starting with the latest one, with a heartbeat every `heartbeat`.
    package func subscribe(heartbeat: Duration = .seconds(15)) -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(2))
        guard !closed else {
            continuation.finish()
            return stream
        }
        let id = UUID()
        subscribers[id] = continuation
        continuation.yield(.build(latest))
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
    }

    private func publish(_ build: Build) {
        latest = build
        for continuation in subscribers.values { continuation.yield(.build(build)) }
    }
}
