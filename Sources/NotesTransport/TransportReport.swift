/// One request this run sent to the transport, and how and when it was answered.
package struct ServedExchange: Sendable, Hashable {
    /// The request's number in this run, from 1, in order of arrival.
    package var number: Int
    /// The request's method.
    package var method: String
    /// The request's path and query.
    package var path: String
    /// The status sent back; 0 when the connection was dropped without a response.
    package var status: Int
    /// The cassette entry that answered it (replay) or that records it (record); nil for refused
    /// requests, misses and live mode.
    package var entryIndex: Int?
    /// When the request arrived, from the session's start.
    package var received: Duration
    /// When the response head was sent, from the session's start.
    package var firstByte: Duration?
    /// When the response ended (or the connection was dropped), from the session's start.
    package var end: Duration?
    /// The transport refused it (no token, not an API path, too large): it went nowhere.
    package var isRefused = false

    package init(
        number: Int, method: String, path: String, status: Int, entryIndex: Int?, received: Duration, firstByte: Duration? = nil,
        end: Duration? = nil
    ) {
        self.number = number
        self.method = method
        self.path = path
        self.status = status
        self.entryIndex = entryIndex
        self.received = received
        self.firstByte = firstByte
        self.end = end
    }
}

/// What a session did, returned by ``TransportSession/stop()``.
package struct TransportReport: Sendable {
    /// The session's mode.
    package var mode: TransportMode
    /// The session's pace.
    package var pace: TransportPace
    /// Every request, in order of arrival.
    package var exchanges: [ServedExchange]
    /// Requests the cassette could not answer (replay only), in order.
    package var misses: [ReplayMiss]
    /// Things worth a look that did not stop the run: version mismatches, refused requests,
    /// recorded exchanges nobody asked for, an unreachable engine.
    package var warnings: [String]
    /// The cassette that was replayed, or the one that was written; nil in live mode.
    package var cassette: Cassette?

    package init(
        mode: TransportMode, pace: TransportPace, exchanges: [ServedExchange], misses: [ReplayMiss] = [], warnings: [String] = [],
        cassette: Cassette?
    ) {
        self.mode = mode
        self.pace = pace
        self.exchanges = exchanges
        self.misses = misses
        self.warnings = warnings
        self.cassette = cassette
    }

    /// The cassette entry that answered `exchange`, if any.
    package func entry(for exchange: ServedExchange) -> CassetteEntry? {
        guard let index = exchange.entryIndex, let cassette, cassette.entries.indices.contains(index) else { return nil }
        return cassette.entries[index]
    }
}
