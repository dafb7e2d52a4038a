import Synchronization

/// Changed paths between a watcher's thread and the task waiting for them: the thread adds, a
/// waiter takes everything added since the last take. Paths added while nobody waits are kept.
final class ChangeQueue: Sendable {
    private typealias Waiter = CheckedContinuation<Set<String>, any Error>

    private struct State {
        var pending: Set<String> = []
        var waiters: [(id: UInt64, continuation: Waiter)] = []
        var lastID: UInt64 = 0
        var isFinished = false
    }

    private let state = Mutex(State())

    /// Adds `paths`, handing them (with anything pending) to the first waiter if there is one.
    func add(_ paths: Set<String>) {
        guard !paths.isEmpty else { return }
        let handed = state.withLock { state -> (Waiter, Set<String>)? in
            guard !state.isFinished else { return nil }
            state.pending.formUnion(paths)
            guard !state.waiters.isEmpty else { return nil }
            defer { state.pending = [] }
            return (state.waiters.removeFirst().continuation, state.pending)
        }
        if let (waiter, paths) = handed { waiter.resume(returning: paths) }
    }

    /// Everything added since the last take, waiting for something if nothing is pending.
    func next() async throws -> Set<String> {
        let id = state.withLock { state -> UInt64 in
            state.lastID += 1
            return state.lastID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: Waiter) in
                let ready = state.withLock { state -> Result<Set<String>, any Error>? in
                    // Checked under the lock: a cancellation handler that ran before this found no waiter to end.
                    if state.isFinished || Task.isCancelled { return .failure(CancellationError()) }
                    if !state.pending.isEmpty {
                        defer { state.pending = [] }
                        return .success(state.pending)
                    }
                    state.waiters.append((id, continuation))
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// Ends every wait, now and later, with `CancellationError`.
    func finish() {
        let waiters = state.withLock { state -> [Waiter] in
            state.isFinished = true
            defer { state.waiters = [] }
            return state.waiters.map(\.continuation)
        }
        for waiter in waiters { waiter.resume(throwing: CancellationError()) }
    }
}
