import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs work that Ctrl-C (SIGINT) and SIGTERM cancel rather than kill, so that running listings are
/// stopped and nothing half-made is written.
package enum Interruptible {
    /// Runs `body` in a task that SIGINT and SIGTERM cancel; the default handlers are back afterwards.
    package static func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        let work = Task { await body() }
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { work.cancel() }
            source.resume()
            return source
        }
        let value = await work.value
        for source in sources { source.cancel() }
        for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
        return value
    }
}

/// A flag raised once, from any thread or signal handler, and read later: the one shape for "did a
/// timeout fire", "were we interrupted".
package final class Latch: Sendable {
    private let raised = Mutex(false)

    package init() {}

    /// Raises the flag; raising it again changes nothing.
    package func raise() { raised.withLock { $0 = true } }

    /// Whether ``raise()`` was called.
    package var isRaised: Bool { raised.withLock { $0 } }
}
