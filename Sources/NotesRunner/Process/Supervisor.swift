import CPlatform
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `notes __supervise <parent-pid> -- PROGRAM ARGS...`: a small process between `notes` and a
/// listing that makes sure nothing the listing starts outlives the run.
///
/// - It dies with `notes`, even when `notes` is killed with SIGKILL (Linux's parent-death signal),
///   and then ends the listing and everything it started.
/// - It is the listing's "subreaper": a process the listing started and abandoned (double fork,
///   `setsid`) is re-parented to it rather than to init, so when the listing ends, the supervisor
///   ends those too, and they cannot hold the output pipes open.
/// - SIGTERM asks it to stop the listing (its process group gets SIGTERM); SIGUSR1, SIGINT or SIGHUP
///   end everything at once.
/// - It exits as the listing did: with its exit code, or killed by the same signal.
///
/// It runs as the first thing `notes` does when started with ``command``, before anything else
/// starts a thread, so the signals it waits for are blocked in the whole process.
package enum Supervisor {
    /// The hidden first argument that starts `notes` as a supervisor.
    package static let command = "__supervise"

    /// Supervises `PROGRAM ARGS...` from `arguments` (`<parent-pid> -- PROGRAM ARGS...`); never returns.
    package static func main(_ arguments: [String]) -> Never {
        guard arguments.count >= 3, let parent = pid_t(arguments[0]), arguments[1] == "--" else {
            FileHandle.standardError.write(Data("notes: __supervise is for notes itself\n".utf8))
            exit(125)
        }
        var waited = sigset_t()
        sigemptyset(&waited)
        for number in [SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGUSR1] { sigaddset(&waited, number) }
        pthread_sigmask(SIG_BLOCK, &waited, nil)
        _ = notes_become_subreaper()
        _ = notes_signal_on_parent_death(SIGUSR1)
        // `notes` may have died before the line above took effect.
        guard getppid() == parent else { exit(125) }

        let program = Array(arguments.dropFirst(2))
        let child = spawn(program)
        guard child > 0 else {
            FileHandle.standardError.write(Data("notes: cannot run \(program[0]): \(String(cString: strerror(-child)))\n".utf8))
            exit(127)
        }
        var listing = Listing(pid: child)
        while true {
            var info = siginfo_t()
            switch sigwaitinfo(&waited, &info) {
            case SIGCHLD:
                listing.reap()
            case SIGTERM:
                kill(-child, SIGTERM)
            case SIGUSR1, SIGINT, SIGHUP:
                endEverything(&listing)
            default:
                continue
            }
            if let status = listing.status {
                endEverything(&listing)
                exitAs(status)
            }
        }
    }

    /// The supervised program, and how it ended once it has.
    private struct Listing {
        let pid: pid_t
        var status: Int32?

        /// Reaps every ended child (the program, and orphans re-parented to us), noting the program's status.
        mutating func reap() {
            var ended: Int32 = 0
            var reaped = waitpid(-1, &ended, WNOHANG)
            while reaped > 0 {
                if reaped == pid { status = ended }
                reaped = waitpid(-1, &ended, WNOHANG)
            }
        }
    }

    /// Starts the program in a new process group with default signals; its pid, or -errno.
    private static func spawn(_ argv: [String]) -> pid_t {
        var attributes = SpawnAttributes(newProcessGroup: true)
        defer { attributes.destroy() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let addCloseFrom = SpawnFunctions.addCloseFrom { _ = addCloseFrom(&actions, 3) }
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, argv[0], &actions, &attributes.value, cArguments, environ)
        return result == 0 ? pid : -result
    }

    /// Ends the listing's process group and every process re-parented to us (what the listing
    /// started and abandoned), until none is left.
    private static func endEverything(_ listing: inout Listing) {
        kill(-listing.pid, SIGKILL)
        for _ in 0..<100 {
            let orphans = children()
            listing.reap()
            guard !orphans.isEmpty else { return }
            for orphan in orphans {
                kill(-orphan, SIGKILL)  // a setsid orphan leads its own group
                kill(orphan, SIGKILL)
            }
            usleep(10_000)
        }
    }

    /// Our children, from /proc (Linux); empty elsewhere, where there is no subreaper either.
    private static func children() -> [pid_t] {
        #if os(Linux)
            let me = getpid()
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return entries.compactMap { name -> pid_t? in
                guard let pid = pid_t(name), pid != me,
                    let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                    let close = stat.lastIndex(of: ")")
                else { return nil }
                // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                guard fields.count > 1, let parent = pid_t(fields[1]), parent == me, fields[0] != "Z" else { return nil }
                return pid
            }
        #else
            return []
        #endif
    }

    /// Exits the way the listing did.
    private static func exitAs(_ status: Int32) -> Never {
        let number = status & 0x7F
        if number != 0 {
            signal(number, SIG_DFL)
            var only = sigset_t()
            sigemptyset(&only)
            sigaddset(&only, number)
            pthread_sigmask(SIG_UNBLOCK, &only, nil)
            raise(number)
        }
        exit((status >> 8) & 0xFF)
    }
}
