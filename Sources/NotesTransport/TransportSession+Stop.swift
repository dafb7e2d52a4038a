import Foundation
import NotesLoopback

extension TransportSession {
    /// Stops listening, closes the upstream client, and returns what happened.
    ///
    /// In record mode it then writes the cassette atomically, failing closed (and writing nothing)
    /// if the engine key would appear in it. Call once; a second call throws.
    package func stop() async throws -> TransportReport {
        try await lifecycle.finish()
        await log.stopping()
        await shutDown()
        let snapshot = await log.snapshot()
        var report = TransportReport(
            mode: mode, pace: pace, exchanges: snapshot.exchanges, misses: snapshot.misses,
            warnings: snapshot.warnings, cassette: replayed)
        if mode == .replay, !snapshot.unanswered.isEmpty {
            let shown = snapshot.unanswered.prefix(10).map(String.init).joined(separator: ", ")
            let list = snapshot.unanswered.count > 10 ? shown + ", …" : shown
            report.warnings.append("the cassette has \(snapshot.unanswered.count) exchange(s) this run never asked for (entries \(list))")
        }
        guard mode == .record, let url = configuration.cassette else { return report }
        // Entries in request order; the report points each exchange at its entry.
        let indices = Dictionary(uniqueKeysWithValues: snapshot.recorded.enumerated().map { ($0.element.0, $0.offset) })
        for position in report.exchanges.indices {
            report.exchanges[position].entryIndex = indices[report.exchanges[position].number]
        }
        let metadata = Cassette.Metadata(
            recordedAt: startedAt.truncatedToMilliseconds, engine: configuration.engine.absoluteString.trimmingSuffix("/"),
            client: await log.userAgent, toolVersion: configuration.toolVersion)
        let cassette = Cassette(metadata: metadata, entries: snapshot.recorded.map(\.1))
        try cassette.save(to: url, forbidding: [configuration.engineKey?.value, token].compactMap { $0 })
        report.cassette = cassette
        return report
    }

    /// Stops without writing anything: for an interrupted run, whose recording must not replace
    /// the previous cassette.
    package func cancel() async {
        guard (try? await lifecycle.finish()) != nil else { return }
        await shutDown()
    }

    /// Closes the server gracefully, waiting for open exchanges a few seconds before cutting them.
    private func shutDown() async {
        await server.stop(grace: .seconds(3))
        await upstream?.shutdown()
    }
}

/// Makes `stop()` and `cancel()` happen once.
actor Lifecycle {
    private var finished = false

    func finish() throws {
        guard !finished else { throw TransportError(.alreadyStopped, "the transport session was already stopped") }
        finished = true
    }
}

extension Date {
    /// The same instant without sub-millisecond digits, as the cassette stores it.
    var truncatedToMilliseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
