import Foundation
import NotesDiagnostics

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

    package init(
        executable: URL, arguments: [String], environment: [String: String], directory: URL,
        streams: Streams, newProcessGroup: Bool
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
        self.streams = streams
        self.newProcessGroup = newProcessGroup
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
/// ignores it). Here the child starts with an empty mask and default dispositions.
package final class SpawnedProcess: Sendable {
    package let pid: pid_t
    /// `CLOCK_MONOTONIC` seconds just before the spawn: the zero of every time in a run.
    package let startedAt: Double
    private let capture: OutputCapture?
    private let ownsGroup: Bool

    private init(pid: pid_t, startedAt: Double, capture: OutputCapture?, ownsGroup: Bool) {
        self.pid = pid
        self.startedAt = startedAt
        self.capture = capture
        self.ownsGroup = ownsGroup
    }

    /// Starts `spec`'s program.
    package static func spawn(_ spec: ProcessSpec) throws(Diagnostic) -> SpawnedProcess {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXFSZ] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if spec.newProcessGroup {
            flags |= POSIX_SPAWN_SETPGROUP
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard let addChdir = Self.addChdir, addChdir(&actions, spec.directory.path) == 0 else {
            throw Diagnostic(at: nil, "cannot run in \(spec.directory.path)", help: "check that the folder exists")
        }
        var pipes: [(read: Int32, write: Int32)] = []
        if case .appendingTo(let log) = spec.streams {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        if case .capture = spec.streams {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            for target: Int32 in [1, 2] {
                var ends: [Int32] = [0, 0]
                guard pipe(&ends) == 0 else {
                    throw Diagnostic(at: nil, "cannot create a pipe", reasons: [String(cString: strerror(errno))])
                }
                // Close-on-exec, so other children spawned meanwhile do not hold our pipes open.
                for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
                pipes.append((ends[0], ends[1]))
                posix_spawn_file_actions_adddup2(&actions, ends[1], target)  // dup2 clears close-on-exec
            }
        }

        let argv = [spec.executable.path] + spec.arguments
        let arguments = argv.map { strdup($0) } + [nil]
        let variables = spec.environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in arguments + variables { free(pointer) } }
        let startedAt = monotonicSeconds()
        var pid = pid_t()
        let result = posix_spawn(&pid, spec.executable.path, &actions, &attributes, arguments, variables)
        for ends in pipes { close(ends.write) }
        guard result == 0 else {
            for ends in pipes { close(ends.read) }
            throw Diagnostic(
                at: nil, "cannot run `\(spec.executable.path)`", help: "check the command's path and permissions",
                reasons: [String(cString: strerror(result))])
        }
        var capture: OutputCapture?
        if case .capture(let limit) = spec.streams {
            capture = OutputCapture(stdout: pipes[0].read, stderr: pipes[1].read, limit: limit)
        }
        return SpawnedProcess(pid: pid, startedAt: startedAt, capture: capture, ownsGroup: spec.newProcessGroup)
    }

    /// Waits for the child to end; returns its wait status, and what it wrote when captured.
    ///
    /// `waitpid` blocks, so it gets a thread of its own rather than one of the cooperative pool.
    package func wait() async -> (status: Int32, output: CapturedOutput?) {
        let pid = self.pid
        let status: Int32 = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                continuation.resume(returning: status)
            }
        }
        // Children the program left behind in its group may still hold the pipes open: end them, then drain.
        if ownsGroup { kill(-pid, SIGKILL) }
        return (status, await capture?.finish())
    }

    /// Sends `signal` to the child's whole process group (or to the child alone without one).
    package func signalGroup(_ signal: Int32) {
        if !ownsGroup || kill(-pid, signal) != 0 { kill(pid, signal) }
    }

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29+, macOS 10.15+), looked up at run time
    /// because Swift's C module for the platform does not declare it. Changing the directory of the
    /// whole process instead would race with every other thread.
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static var addChdir: AddChdir? {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }
}

/// Seconds of `CLOCK_MONOTONIC`, the clock Python's `time.monotonic()` reads, so times taken here
/// and in the child line up.
package func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
