/// Where answers come from.
package enum TransportMode: String, Sendable, Hashable, CaseIterable {
    /// From the cassette only; never opens a network connection. The default.
    case replay
    /// From the engine, saving every exchange (failures included) to the cassette.
    case record
    /// From the engine, keeping nothing.
    case live
}

/// How fast a replay answers.
package enum TransportPace: String, Sendable, Hashable, CaseIterable {
    /// As recorded: time to first event, gaps between events, latency of whole responses.
    case recorded
    /// At once.
    case fast
}
