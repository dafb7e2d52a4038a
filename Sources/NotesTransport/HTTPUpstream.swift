/// A request on its way to the engine, with the real credential already in its headers.
package struct UpstreamRequest: Sendable {
    /// The program's method.
    package var method: String
    /// Absolute URL: the engine's base URL plus the request's path and query.
    package var url: String
    /// The program's headers, its token swapped for the real key.
    package var headers: [CassetteHeader]
    /// The program's body, unchanged.
    package var body: [UInt8]

    /// Creates a request.
    package init(method: String, url: String, headers: [CassetteHeader], body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// The engine's answer: head now, body as it arrives.
package struct UpstreamResponse: Sendable {
    /// The engine's status.
    package var status: Int
    /// Its reason phrase.
    package var reason: String
    /// Its headers, unfiltered.
    package var headers: [CassetteHeader]
    /// Body chunks as they arrive; throws if the connection breaks mid-body.
    package var body: AsyncThrowingStream<[UInt8], any Error>
    /// Ends the exchange with the engine early: called when the program has gone away.
    package var cancel: @Sendable () -> Void

    /// Creates a response; `cancel` stops the rest of the body from being fetched.
    package init(
        status: Int, reason: String, headers: [CassetteHeader], body: AsyncThrowingStream<[UInt8], any Error>,
        cancel: @escaping @Sendable () -> Void = {}
    ) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.cancel = cancel
    }
}

/// The role of whatever carries requests to the engine in record and live mode.
package protocol HTTPUpstream: Sendable {
    /// Sends a request and returns once the response head has arrived.
    func send(_ request: UpstreamRequest, timeout: Duration) async throws -> UpstreamResponse
    /// Releases connections; called once when the session stops.
    func shutdown() async
}
