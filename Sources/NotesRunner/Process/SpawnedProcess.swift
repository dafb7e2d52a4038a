import Dispatch
import Foundation
import NotesDiagnostics
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How to start a program: explicit argv, no shell.
package struct ProcessSpec: Sendable {
    /// What happens to the child's standard output and error.
    package enum Streams: Sendable {
        /// The child writes straight to ours (`notes exec`).
        case inherit
        /// Both are read through pipes and kept, at most `limit` bytes in all.
        case capture(limit: Int)
        /// Both are appended to a log file (created if missing); standard input is empty.
        case appendingTo(URL)
    }

    /// The program, resolved to an absolute path (see ``ProcessSpec/resolve(_:path:directory:)``).
    package var executable: URL
    /// The arguments after the program.
    package var arguments: [String]
    /// The complete environment; nothing else is inherited.
    package var environment: [String: String]
    /// The working directory.
    package var directory: URL
    package var streams: Streams
    /// Starts the child as the leader of a new process group, so that a timeout or Ctrl-C can end
    /// everything it started, and the terminal's Ctrl-C does not reach it behind our back.
    package var newProcessGroup: Bool
    /// The `notes` executable to run the program under (see ``Supervisor``): the program then dies
    /// with us even when we are killed, and nothing it started outlives it. Nil runs it directly.
    package var supervisor: URL?
    /// With `.capture`, hears each chunk of output as it is read (what is kept: after the limit,
    /// nothing), on the reading thread; for showing a run while it runs.
    package var onOutput: (@Sendable (_ bytes: [UInt8], _ isStandardError: Bool) -> Void)?

    package init(
        executable: URL, arguments: [String], environment: [String: String], directory: URL,
        streams: Streams, newProcessGroup: Bool, supervisor: URL? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
        self.streams = streams
        self.newProcessGroup = newProcessGroup
        self.supervisor = supervisor
    }

    /// A path as given (relative to `directory`), or the first match of `name` on `path`.
    package static func resolve(_ name: String, path: String, directory: URL) throws(Diagnostic) -> URL {
        if name.contains("/") { return URL(fileURLWithPath: name, relativeTo: directory).standardizedFileURL }
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder), isDirectory: true).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Diagnostic(at: nil, "cannot find `\(name)` on PATH", help: "give the command's full path, or add its folder to PATH")
    }
}

/// A started child process.
///
/// Spawned with `posix_spawn` rather than Foundation's `Process`: `Process` hands the child the
/// spawning thread's signal mask, and Swift concurrency's threads block SIGINT and SIGTERM, so a
/// child started from async code would ignore Ctrl-C; it would also inherit SIGPIPE ignored (NIO
/// ignores it). Here the child starts with an empty mask, default dispositions, and no file
/// descriptor but 0, 1 and 2: nothing `notes` has open (listening sockets, other listings' pipes)
/// leaks into it.
///
/// Each child gets a thread of its own that spawns it and then waits for it: the thread lives as
/// long as the child, which is what a supervised child's parent-death signal is tied to.
package final class SpawnedProcess: Sendable {
    package let pid: pid_t
    /// `CLOCK_MONOTONIC` seconds just before the spawn: the zero of every time in a run.
    package let startedAt: Double
    private let capture: OutputCapture?
    private let ownsGroup: Bool
    private let isSupervised: Bool
    private let exit: ExitStatusBox

    private init(pid: pid_t, startedAt: Double, capture: OutputCapture?, ownsGroup: Bool, isSupervised: Bool, exit: ExitStatusBox) {
        self.pid = pid
        self.startedAt = startedAt
        self.capture = capture
        self.ownsGroup = ownsGroup
        self.isSupervised = isSupervised
        self.exit = exit
    }

    /// Starts `spec`'s program.
    package static func spawn(_ spec: ProcessSpec) throws(Diagnostic) -> SpawnedProcess {
        let pipes = try spec.makePipes()
        let started = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<(pid_t, Double), Diagnostic>?>(nil)
        let exit = ExitStatusBox()
        let parent = getpid()
        Thread.detachNewThread {
            let result = spec.posixSpawn(pipes: pipes, parent: parent)
            outcome.withLock { $0 = result }
            started.signal()
            guard case .success(let (pid, _)) = result else { return }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            exit.finish(status)
        }
        started.wait()
        for ends in pipes { close(ends.write) }
        let result = outcome.withLock { $0! }
        let (pid, startedAt): (pid_t, Double)
        switch result {
        case .success(let spawned): (pid, startedAt) = spawned
        case .failure(let problem):
            for ends in pipes { close(ends.read) }
            throw problem
        }
        var capture: OutputCapture?
        if case .capture(let limit) = spec.streams {
            capture = OutputCapture(stdout: pipes[0].read, stderr: pipes[1].read, limit: limit, onOutput: spec.onOutput)
        }
        return SpawnedProcess(
            pid: pid, startedAt: startedAt, capture: capture, ownsGroup: spec.newProcessGroup, isSupervised: spec.supervisor != nil,
            exit: exit)
    }

    /// Waits for the child to end; returns its wait status, and what it wrote when captured.
    package func wait() async -> (status: Int32, output: CapturedOutput?) {
        let status = await exit.value()
        // Children the program left behind in its group may still hold the pipes open: end them, then drain.
        if ownsGroup { kill(-pid, SIGKILL) }
        return (status, await capture?.finish())
    }

    /// Sends `signal` to the child's whole process group (or to the child alone without one).
    ///
    /// A supervised child is signalled through its supervisor: SIGTERM asks it to stop the
    /// program, SIGKILL to end it and everything it started at once (sent as SIGUSR1, which the
    /// supervisor, unlike SIGKILL, can act on).
    package func signalGroup(_ signal: Int32) {
        if isSupervised {
            kill(pid, signal == SIGKILL ? SIGUSR1 : signal)
            return
        }
        if !ownsGroup || kill(-pid, signal) != 0 { kill(pid, signal) }
    }
}

/// A child's wait status, delivered once by its thread to whoever waits.
private final class ExitStatusBox: Sendable {
    private enum State {
        case running(waiters: [CheckedContinuation<Int32, Never>])
        case ended(Int32)
    }
    private let state = Mutex(State.running(waiters: []))

    func finish(_ status: Int32) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int32, Never>] in
            defer { state = .ended(status) }
            if case .running(let waiters) = state { return waiters }
            return []
        }
        for waiter in waiters { waiter.resume(returning: status) }
    }

    func value() async -> Int32 {
        await withCheckedContinuation { continuation in
            let ended = state.withLock { state -> Int32? in
                switch state {
                case .ended(let status): return status
                case .running(var waiters):
                    waiters.append(continuation)
                    state = .running(waiters: waiters)
                    return nil
                }
            }
            if let ended { continuation.resume(returning: ended) }
        }
    }
}

/// Seconds of `CLOCK_MONOTONIC`, the clock Python's `time.monotonic()` reads, so times taken here
/// and in the child line up.
package func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
