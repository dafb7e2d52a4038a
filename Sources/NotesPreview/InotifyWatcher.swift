#if os(Linux)
    import Foundation
    import Glibc
    import NotesDiagnostics
    import NotesRecords
    import Synchronization

    /// Watches with inotify (Linux): one watch per folder, added for folders made later too. Its
    /// thread sleeps in `poll()` until the kernel has events, so it costs nothing while nothing
    /// changes.
    ///
    /// A change is reported as soon as the queued events are read, with three exceptions that keep
    /// one save one change (``InotifyReader`` has them): events still arriving within 2 ms of the
    /// last (one command's burst: `git checkout`, `rm -r`, a transcript and its cassette renamed
    /// into place) join the batch, up to 50 ms; a batch in which a file was removed or moved away
    /// (but not to another watched name) waits up to 50 ms for it to come back (vim moves the old
    /// file aside, then writes the new one); and a batch with a new file whose writer has not closed it yet waits for the close, up
    /// to 500 ms. An ordinary save (in place, or write-aside-then-rename) takes none of these waits
    /// but the 2 ms. Hidden and backup names are dropped first, so they never wake a caller.
    ///
    /// If watching stops covering the folders (the watch limit is reached for a new folder, a watched
    /// folder itself is removed or renamed), every folder is reported as changed and the thread
    /// polls from then on, as ``PollingWatcher`` does; ``fallbackReason`` then says why.
    package final class InotifyWatcher: SourceWatching {
        private let changes: ChangeQueue
        private let thread: WatcherThread

        /// Watches `folders` and everything under them from now; fails when inotify cannot (no
        /// instance left, a folder missing, the watch limit).
        package init(folders: [URL]) throws(POSIXFailure) {
            let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard descriptor >= 0 else { throw POSIXFailure(call: "inotify_init1", path: folders.first?.path ?? "") }
            var watches = InotifyWatches(descriptor: descriptor, roots: folders.map(\.path))
            var ignored = Set<String>()
            do {
                for root in watches.roots { try watches.watch(tree: root, isRoot: true, report: false, into: &ignored) }
            } catch {
                close(descriptor)
                throw error
            }
            let queue = ChangeQueue()
            changes = queue
            initialWatchCount = watches.count
            let fallback = FallbackNotice()
            fallbackNotice = fallback
            thread = WatcherThread(named: "notes-inotify") { [watches] wake in
                var reader = InotifyReader(watches: watches)
                let failure = reader.run(wake: wake, into: queue)
                reader.close()
                guard let failure else { return }
                // Set before the change that follows is queued, so whoever it wakes can say why.
                fallback.reason.withLock { $0 = SourceWatcher.fallbackReason(failure) }
                let baseline = SourceSnapshot(folders: watches.roots)
                queue.add(Set(watches.roots))
                PollingWatcher.poll(watches.roots, from: baseline, every: PollingWatcher.defaultInterval, wake: wake, into: queue)
            }
        }

        /// How many folders were watched at the start (one inotify watch each).
        package let initialWatchCount: Int

        private let fallbackNotice: FallbackNotice

        /// Why it polls now, once watching stopped covering the folders (nil while it watches).
        package var fallbackReason: Diagnostic? { fallbackNotice.reason.withLock { $0 } }

        package func nextChange() async throws -> Set<String> {
            try await changes.next()
        }

        package func stop() {
            changes.finish()
            thread.stop()
        }

        deinit { stop() }
    }

    /// Why an inotify watcher fell back to polling, shared with its thread, which sets it.
    private final class FallbackNotice: Sendable {
        let reason = Mutex<Diagnostic?>(nil)
    }
#endif
