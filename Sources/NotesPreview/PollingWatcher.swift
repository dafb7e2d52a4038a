import Foundation
import NotesDiagnostics

/// Watches by comparing snapshots of every file's size, modification time (to the nanosecond) and
/// inode, a few times a second, on a thread of its own: the fallback where inotify is missing or
/// cannot cope, and what `NOTES_WATCH=poll` asks for. A change is reported at the first comparison
/// after it, so within one interval; a file still being written may be reported twice.
package final class PollingWatcher: SourceWatching {
    /// How often the folders are compared unless told otherwise.
    package static let defaultInterval = Duration.milliseconds(300)

    private let changes: ChangeQueue
    private let thread: WatcherThread
    /// Why the folders are polled rather than watched, when that was not asked for: what the author
    /// should hear once (it notices changes later, and costs a little CPU while idle).
    package let fallbackReason: Diagnostic?

    /// Takes the first snapshot of `folders` now (a change after this call is reported), then
    /// compares every `interval`.
    package init(folders: [URL], every interval: Duration = defaultInterval, fallbackReason: Diagnostic? = nil) {
        self.fallbackReason = fallbackReason
        let roots = folders.map(\.path)
        let baseline = SourceSnapshot(folders: roots)
        let queue = ChangeQueue()
        changes = queue
        thread = WatcherThread(named: "notes-poll") { wake in
            Self.poll(roots, from: baseline, every: interval, wake: wake, into: queue)
        }
    }

    /// Compares `roots` with the last snapshot (at first `baseline`) every `interval` until the
    /// thread is asked to stop, adding what changed to `queue`. Also where inotify falls back to.
    static func poll(
        _ roots: [String], from baseline: SourceSnapshot, every interval: Duration, wake: WatcherThread.Wake, into queue: ChangeQueue
    ) {
        var previous = baseline
        while wake.wait(timeout: interval) != .stop {
            let current = SourceSnapshot(folders: roots)
            queue.add(previous.changes(to: current))
            previous = current
        }
    }

    package func nextChange() async throws -> Set<String> {
        try await changes.next()
    }

    package func stop() {
        changes.finish()
        thread.stop()
    }

    deinit { stop() }
}
