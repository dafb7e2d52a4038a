/// One request this run sent to the transport, and how and when it was answered.
public struct ServedExchange: Sendable, Hashable {
    /// The request's number in this run, from 1, in order of arrival.
    public var number: Int
    /// The request's method.
    public var method: String
    /// The request's path and query.
    public var path: String
    /// The status sent back; 0 when the connection was dropped without a response.
    public var status: Int
    /// The cassette entry that answered it (replay) or that records it (record); nil for refused
    /// requests, misses and live mode.
    public var entryIndex: Int?
    /// When the request arrived, from the session's start.
    public var received: Duration
    /// When the response head was sent, from the session's start.
    public var firstByte: Duration?
    /// When the response ended (or the connection was dropped), from the session's start.
    public var end: Duration?
}

/// What a session did, returned by ``TransportSession/stop()``.
public struct TransportReport: Sendable {
    /// The session's mode.
    public var mode: TransportMode
    /// The session's pace.
    public var pace: TransportPace
    /// Every request, in order of arrival.
    public var exchanges: [ServedExchange]
    /// Requests the cassette could not answer (replay only), in order.
    public var misses: [ReplayMiss]
    /// Things worth a look that did not stop the run: version mismatches, refused requests,
    /// recorded exchanges nobody asked for, an unreachable engine.
    public var warnings: [String]
    /// The cassette that was replayed, or the one that was written; nil in live mode.
    public var cassette: Cassette?

    /// The cassette entry that answered `exchange`, if any.
    public func entry(for exchange: ServedExchange) -> CassetteEntry? {
        guard let index = exchange.entryIndex, let cassette, cassette.entries.indices.contains(index) else { return nil }
        return cassette.entries[index]
    }
}
