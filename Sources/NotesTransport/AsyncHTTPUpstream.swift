import AsyncHTTPClient
import Logging

/// The real upstream: AsyncHTTPClient, one connection pool per session.
///
/// Redirects are not followed (a redirect is part of the recorded exchange) and bodies arrive
/// decompressed, since a cassette must never hold gzip it did not decode.
final class AsyncHTTPUpstream: HTTPUpstream {
    private let client: HTTPClient

    /// A client with its own connection pool.
    init() {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .enabled(limit: .ratio(200))
        // A refused connection must reach the program as one, at once, so that it retries (or
        // fails) exactly as it would against the engine directly.
        configuration.connectionPool.retryConnectionEstablishment = false
        // Logs could carry headers; the transport never logs anything it forwards.
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration,
                            backgroundActivityLogger: Logger(label: "notes.transport", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    func send(_ request: UpstreamRequest, timeout: Duration) async throws -> UpstreamResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .init(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty { outgoing.body = .bytes(request.body) }
        let seconds = Int64(timeout.components.seconds)
        let response = try await client.execute(outgoing, timeout: .seconds(seconds))
        let headers = response.headers.map { CassetteHeader($0.name, $0.value) }
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let pump = Task {
            do {
                for try await buffer in response.body { continuation.yield(Array(buffer.readableBytesView)) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in pump.cancel() }
        return UpstreamResponse(status: Int(response.status.code), reason: response.status.reasonPhrase, headers: headers, body: stream)
    }

    func shutdown() async {
        try? await client.shutdown()
    }
}
