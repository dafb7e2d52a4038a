import CPlatform
import Foundation
import NotesDiagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ProcessSpec {
    /// The pipes for captured output (standard output, then standard error), close-on-exec so that
    /// no other child started meanwhile holds them open.
    func makePipes() throws(Diagnostic) -> [(read: Int32, write: Int32)] {
        guard case .capture = streams else { return [] }
        var pipes: [(read: Int32, write: Int32)] = []
        for _ in 0..<2 {
            var ends: [Int32] = [0, 0]
            guard notes_pipe_cloexec(&ends) == 0 else {
                for ends in pipes {
                    close(ends.read)
                    close(ends.write)
                }
                throw Diagnostic(at: nil, "cannot create a pipe", reasons: [String(cString: strerror(errno))])
            }
            pipes.append((ends[0], ends[1]))
        }
        return pipes
    }

    /// Spawns the program (through the supervisor when there is one); returns its pid and the
    /// monotonic time just before the spawn.
    func posixSpawn(pipes: [(read: Int32, write: Int32)], parent: pid_t) -> Result<(pid_t, Double), Diagnostic> {
        var attributes = SpawnAttributes(newProcessGroup: newProcessGroup)
        defer { attributes.destroy() }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard let addChdir = SpawnFunctions.addChdir, addChdir(&actions, directory.path) == 0 else {
            return .failure(Diagnostic(at: nil, "cannot run in \(directory.path)", help: "check that the folder exists"))
        }
        switch streams {
        case .inherit:
            break
        case .appendingTo(let log):
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        case .capture:
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, pipes[0].write, 1)  // dup2 clears close-on-exec
            posix_spawn_file_actions_adddup2(&actions, pipes[1].write, 2)
        }
        // Nothing but 0, 1 and 2 crosses into the child, whatever was opened without close-on-exec.
        if let addCloseFrom = SpawnFunctions.addCloseFrom { _ = addCloseFrom(&actions, 3) }

        let program = supervisor ?? executable
        var argv = [program.path] + arguments
        if let supervisor {
            argv = [supervisor.path, Supervisor.command, String(parent), "--", executable.path] + arguments
        }
        let cArguments = argv.map { strdup($0) } + [nil]
        let variables = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in cArguments + variables { free(pointer) } }
        let startedAt = monotonicSeconds()
        var pid = pid_t()
        let result = posix_spawn(&pid, program.path, &actions, &attributes.value, cArguments, variables)
        guard result == 0 else {
            return .failure(
                Diagnostic(
                    at: nil, "cannot run `\(program.path)`", help: "check the command's path and permissions",
                    reasons: [String(cString: strerror(result))]))
        }
        return .success((pid, startedAt))
    }
}

/// `posix_spawn` extensions Swift's C module for the platform does not declare, looked up at run time.
enum SpawnFunctions {
    typealias FileActionString = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias FileActionNumber = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29+, macOS 10.15+). Changing the directory of
    /// the whole process instead would race with every other thread.
    static let addChdir: FileActionString? = lookUp("posix_spawn_file_actions_addchdir_np")

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34+): closes every descriptor from a number on.
    static let addCloseFrom: FileActionNumber? = lookUp("posix_spawn_file_actions_addclosefrom_np")

    private static func lookUp<T>(_ name: String) -> T? {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), name) else { return nil }
        return unsafeBitCast(symbol, to: T.self)
    }
}
