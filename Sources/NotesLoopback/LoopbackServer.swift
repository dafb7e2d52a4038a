import Foundation
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix

/// An HTTP/1.1 server on a local address, started and stopped as one value: the transport's
/// loopback Messages API and `notes serve` both run on it.
///
/// Works on HummingbirdCore's raw responder (no router), so a responder can write any response,
/// stream one, or close the connection without answering. Nothing is logged: what passes through
/// may carry secrets.
package struct LoopbackServer: Sendable {
    /// The port it listens on (the one picked when started with port 0).
    package let port: Int
    private let server: Server<HTTP1Channel>
    private let task: Task<Void, Never>

    /// Answers one request.
    package typealias Responder = @Sendable (Request, consuming ResponseWriter) async throws -> Void

    /// Why the server did not start.
    package struct StartFailure: Error, CustomStringConvertible {
        /// What the socket layer said, when it said anything.
        package var reason: String?
        package var description: String { reason ?? "the server stopped before it listened" }
    }

    /// Starts listening on `host:port` (port 0 picks a free one) and returns once it listens.
    package static func start(host: String, port: Int, responder: @escaping Responder) async throws(StartFailure) -> LoopbackServer {
        let (ports, portContinuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let server = Server(
            childChannelSetup: HTTP1Channel(responder: { request, writer, _ in try await responder(request, writer) }),
            configuration: ServerConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in portContinuation.yield(.success(channel.localAddress?.port ?? 0)) },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: Logger(label: "notes.loopback", factory: { _ in SwiftLogNoOpLogHandler() }))
        let task = Task {
            do { try await server.run() } catch { portContinuation.yield(.failure(error)) }
            portContinuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        switch await iterator.next() {
        case .success(let bound)? where bound > 0:
            return LoopbackServer(port: bound, server: server, task: task)
        case .failure(let error)?:
            task.cancel()
            throw StartFailure(reason: Self.reason(error))
        default:
            task.cancel()
            throw StartFailure(reason: nil)
        }
    }

    /// What the system said, without NIO's wrapping ("bind(descriptor:ptr:bytes:): Address already in
    /// use) (errno: 98)"): "Address already in use (errno 98)".
    static func reason(_ error: any Error) -> String {
        guard let error = error as? IOError else { return "\(error)" }
        return "\(String(cString: strerror(error.errnoCode))) (errno \(error.errnoCode))"
    }

    /// Stops accepting, lets open exchanges finish for up to `grace`, then cuts the rest, and
    /// returns when the server has ended.
    package func stop(grace: Duration) async {
        let server = self.server
        let task = self.task
        let graceful = Task { try? await server.shutdownGracefully() }
        let deadline = Task {
            try? await Task.sleep(for: grace)
            if !Task.isCancelled { task.cancel() }
        }
        await task.value
        deadline.cancel()
        graceful.cancel()
    }
}
