import CPlatform
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A watcher's own thread, for its blocking waits (never the cooperative pool's), and the pipe that
/// wakes it to stop: the thread waits in `poll()` on its own descriptor and the pipe's read end;
/// ``stop()`` closes the write end, which ends the wait at once, and returns when the thread has gone.
final class WatcherThread: Sendable {
    /// What ended a wait.
    enum Wakeup: Sendable {
        /// The descriptor waited on is readable (or failed).
        case ready
        case timedOut
        /// ``WatcherThread/stop()`` was called: the thread should return.
        case stop
    }

    /// The thread's side of the stop signal.
    struct Wake: Sendable {
        fileprivate let descriptor: Int32
        fileprivate let stopping: StopFlag

        /// Waits until `descriptor` is readable, `timeout` passes (nil: no timeout) or the thread is
        /// asked to stop. Without a wake pipe (it could not be made) it wakes every second to look.
        func wait(for descriptor: Int32? = nil, timeout: Duration?) -> Wakeup {
            var polls = [pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0)]
            if let descriptor { polls.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
            let limit = timeout ?? (self.descriptor < 0 ? .seconds(1) : nil)
            let milliseconds = limit.map(Self.milliseconds) ?? -1
            var ready: Int32
            repeat {
                ready = poll(&polls, nfds_t(polls.count), milliseconds)
            } while ready < 0 && errno == EINTR && !stopping.isSet
            if stopping.isSet || polls[0].revents != 0 { return .stop }
            if polls.count > 1, polls[1].revents != 0 { return .ready }
            return ready < 0 ? .ready : .timedOut
        }

        /// `duration` in whole milliseconds for `poll()`, rounded up so a short wait is not a busy one.
        private static func milliseconds(_ duration: Duration) -> Int32 {
            Int32(min(max((duration / .milliseconds(1)).rounded(.up), 0), Double(Int32.max)))
        }
    }

    fileprivate final class StopFlag: Sendable {
        private let flag = Atomic(false)
        var isSet: Bool { flag.load(ordering: .acquiring) }
        /// Sets the flag; true for the first caller only.
        func set() -> Bool { !flag.exchange(true, ordering: .acquiringAndReleasing) }
    }

    private let writeEnd: Int32
    private let stopping = StopFlag()
    private let exited = DispatchSemaphore(value: 0)

    /// Starts a thread running `body`, which should return soon after a wait answers `.stop`.
    init(named name: String, body: @escaping @Sendable (Wake) -> Void) {
        var ends: [Int32] = [-1, -1]
        if notes_pipe_cloexec(&ends) != 0 { ends = [-1, -1] }
        writeEnd = ends[1]
        let wake = Wake(descriptor: ends[0], stopping: stopping)
        // Captures no `self`: a thread that outlives its owner would keep deinit from stopping it.
        let exited = exited
        Thread.detachNewThread {
            Thread.current.name = name
            body(wake)
            if wake.descriptor >= 0 { close(wake.descriptor) }
            exited.signal()
        }
    }

    /// Asks the thread to stop and waits until it has (one turn of its loop at most).
    func stop() {
        guard stopping.set() else { return }
        if writeEnd >= 0 { close(writeEnd) }
        exited.wait()
    }

    deinit { stop() }
}
