/// A request on its way to the engine, with the real credential already in its headers.
public struct UpstreamRequest: Sendable {
    /// The program's method.
    public var method: String
    /// Absolute URL: the engine's base URL plus the request's path and query.
    public var url: String
    /// The program's headers, its token swapped for the real key.
    public var headers: [CassetteHeader]
    /// The program's body, unchanged.
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String, url: String, headers: [CassetteHeader], body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// The engine's answer: head now, body as it arrives.
public struct UpstreamResponse: Sendable {
    /// The engine's status.
    public var status: Int
    /// Its reason phrase.
    public var reason: String
    /// Its headers, unfiltered.
    public var headers: [CassetteHeader]
    /// Body chunks as they arrive; throws if the connection breaks mid-body.
    public var body: AsyncThrowingStream<[UInt8], any Error>

    /// Creates a response.
    public init(status: Int, reason: String, headers: [CassetteHeader], body: AsyncThrowingStream<[UInt8], any Error>) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }
}

/// The role of whatever carries requests to the engine in record and live mode.
public protocol HTTPUpstream: Sendable {
    /// Sends a request and returns once the response head has arrived.
    func send(_ request: UpstreamRequest, timeout: Duration) async throws -> UpstreamResponse
    /// Releases connections; called once when the session stops.
    func shutdown() async
}
