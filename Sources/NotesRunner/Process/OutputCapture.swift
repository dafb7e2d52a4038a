import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

/// What a process wrote, chunk by chunk, with when each chunk arrived.
package struct CapturedOutput: Sendable {
    /// One read from standard output or standard error.
    package struct Chunk: Sendable {
        package var isStandardError: Bool
        /// `CLOCK_MONOTONIC` seconds when it was read.
        package var time: Double
        package var bytes: [UInt8]
    }

    package var chunks: [Chunk]
    /// Bytes read after the limit and dropped.
    package var droppedBytes: Int
}

/// Reads a child's standard output and error on a thread of its own until both reach end of file,
/// keeping at most `limit` bytes. Reading never stops at the limit (a child blocked on a full pipe
/// would never exit); the rest is counted and dropped.
final class OutputCapture: Sendable {
    private let state = Mutex(State())
    private let completion = Mutex(Completion.running(waiter: nil))

    private enum Completion {
        case running(waiter: CheckedContinuation<Void, Never>?)
        case finished
    }

    private struct State {
        var chunks: [CapturedOutput.Chunk] = []
        var kept = 0
        var dropped = 0
        /// After the child has exited, how long to wait for stragglers still holding the pipes.
        var deadline: Double?
    }

    init(stdout: Int32, stderr: Int32, limit: Int, onOutput: (@Sendable ([UInt8], Bool) -> Void)? = nil) {
        Thread.detachNewThread { [self] in
            read(from: [stdout, stderr], limit: limit, onOutput: onOutput)
            let waiter = completion.withLock { completion -> CheckedContinuation<Void, Never>? in
                defer { completion = .finished }
                if case .running(let waiter) = completion { return waiter }
                return nil
            }
            waiter?.resume()
        }
    }

    /// Waits for end of file on both streams (at most 2 s after this call) and returns the output.
    func finish() async -> CapturedOutput {
        state.withLock { $0.deadline = monotonicSeconds() + 2 }
        await withCheckedContinuation { continuation in
            let isFinished = completion.withLock { completion -> Bool in
                if case .finished = completion { return true }
                completion = .running(waiter: continuation)
                return false
            }
            if isFinished { continuation.resume() }
        }
        return state.withLock { CapturedOutput(chunks: $0.chunks, droppedBytes: $0.dropped) }
    }

    private func read(from descriptors: [Int32], limit: Int, onOutput: (@Sendable ([UInt8], Bool) -> Void)?) {
        var open = descriptors
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            var polls = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polls, nfds_t(polls.count), 100)
            if ready < 0, errno != EINTR { break }
            if let deadline = state.withLock({ $0.deadline }), monotonicSeconds() > deadline { break }
            for entry in polls where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { systemRead(entry.fd, $0.baseAddress!, $0.count) }
                if count > 0 {
                    let now = monotonicSeconds()
                    let bytes = Array(buffer[0..<count])
                    let isStandardError = entry.fd == descriptors[1]
                    let kept = state.withLock { state -> [UInt8] in
                        let room = max(0, limit - state.kept)
                        state.dropped += max(0, count - room)
                        guard room > 0 else { return [] }
                        let kept = Array(bytes.prefix(room))
                        state.chunks.append(.init(isStandardError: isStandardError, time: now, bytes: kept))
                        state.kept += kept.count
                        return kept
                    }
                    if !kept.isEmpty { onOutput?(kept, isStandardError) }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        for descriptor in open { close(descriptor) }
    }
}
