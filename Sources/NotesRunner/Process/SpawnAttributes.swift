#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `posix_spawn` attributes every child of ours starts with: no blocked signals, the signals
/// `notes` handles (and SIGPIPE, which it ignores) back at their defaults, and with
/// `newProcessGroup` a process group of its own. One place for listings, exec and the supervisor.
struct SpawnAttributes {
    var value = posix_spawnattr_t()

    init(newProcessGroup: Bool) {
        posix_spawnattr_init(&value)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&value, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXFSZ, SIGUSR1, SIGCHLD] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&value, &defaults)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if newProcessGroup {
            flags |= POSIX_SPAWN_SETPGROUP
            posix_spawnattr_setpgroup(&value, 0)
        }
        posix_spawnattr_setflags(&value, Int16(flags))
    }

    /// Frees what `posix_spawnattr_init` allocated.
    mutating func destroy() {
        posix_spawnattr_destroy(&value)
    }
}
