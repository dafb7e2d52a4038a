#if os(Linux)
    import Glibc
    import NotesRecords

    /// The inotify watcher's thread: waits for events, reads them all, gathers a burst into one
    /// batch of changed paths and hands it on. Owns the inotify descriptor; ``close()`` ends it.
    struct InotifyReader {
        /// After the queue is empty, how long to wait for one more event of the same burst.
        static let quiet = Duration.milliseconds(2)
        /// The most a burst may add to a change's delay, and how long a batch in which a file went
        /// away waits for it to come back.
        static let burstLimit = Duration.milliseconds(50)
        /// The most a batch waits for the writers of files it has seen created.
        static let unfinishedLimit = Duration.milliseconds(500)

        private var watches: InotifyWatches
        private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)

        init(watches: InotifyWatches) {
            self.watches = watches
        }

        /// Reports batches to `queue` until the thread is asked to stop (nil) or watching fails (the
        /// failure: the watches no longer cover the folders).
        mutating func run(wake: WatcherThread.Wake, into queue: ChangeQueue) -> POSIXFailure? {
            while true {
                switch wake.wait(for: watches.descriptor, timeout: nil) {
                case .stop: return nil
                case .timedOut: continue
                case .ready: break
                }
                var changes = Set<String>()
                do throws(POSIXFailure) {
                    try read(into: &changes)
                    // Only hidden or backup names: nobody is woken.
                    if changes.isEmpty { continue }
                    guard try gatherBurst(into: &changes, wake: wake) else { return nil }
                } catch {
                    return error
                }
                queue.add(changes)
            }
        }

        /// Closes the inotify descriptor (ending every watch) and frees the buffer.
        func close() {
            _ = Glibc.close(watches.descriptor)
            buffer.deallocate()
        }

        /// Reads and applies every queued event, until `read` would block.
        private mutating func read(into changes: inout Set<String>) throws(POSIXFailure) {
            while true {
                let count = Glibc.read(watches.descriptor, buffer.baseAddress, buffer.count)
                if count < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN || errno == EWOULDBLOCK { return }
                    throw POSIXFailure(call: "read", path: "inotify")
                }
                if count == 0 { return }
                // struct inotify_event: wd, mask, cookie, len, then `len` bytes of NUL-padded name.
                var offset = 0
                while offset + 16 <= count {
                    let watch = buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let cookie = buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
                    let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let bytes = UnsafeRawBufferPointer(rebasing: buffer[(offset + 16)..<min(offset + 16 + length, count)])
                    let name = length == 0 ? nil : String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                    try watches.apply(InotifyEvent(watch: watch, mask: mask, cookie: cookie, name: name), to: &changes)
                    offset += 16 + length
                }
            }
        }

        /// Adds the rest of a burst to `changes`: events within ``quiet`` of the last (up to
        /// ``burstLimit``); while a created file is still open for writing, until its writer closes
        /// it (up to ``unfinishedLimit``); while a file removed or moved away (but not to another
        /// watched name) is not back, until it is (up to ``burstLimit``). False when the thread is asked to stop meanwhile.
        private mutating func gatherBurst(into changes: inout Set<String>, wake: WatcherThread.Wake) throws(POSIXFailure) -> Bool {
            let start = ContinuousClock.now
            gathering: while true {
                let elapsed = start.duration(to: .now)
                let limit =
                    if !watches.unfinished.isEmpty {
                        Self.unfinishedLimit - elapsed
                    } else if !watches.vanished.isEmpty {
                        Self.burstLimit - elapsed
                    } else {
                        min(Self.quiet, Self.burstLimit - elapsed)
                    }
                guard limit > .zero else { break }
                switch wake.wait(for: watches.descriptor, timeout: limit) {
                case .stop: return false
                case .timedOut: break gathering
                case .ready: try read(into: &changes)
                }
            }
            // A writer slower than that: its close is the next change.
            watches.endBatch()
            return true
        }
    }
#endif
