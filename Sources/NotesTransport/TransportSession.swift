import Foundation
import HummingbirdCore
import NotesLoopback
import NotesRecords

/// A loopback Messages API around one program run: replaying a cassette, recording one, or
/// forwarding live.
///
/// ```swift
/// let session = try await TransportSession.start(TransportConfiguration(cassette: url, toolVersion: "0.1.0"))
/// // run the program with session.environment(inheriting: ...) — ANTHROPIC_BASE_URL and the run's token
/// let report = try await session.stop()   // in record mode, writes the cassette
/// ```
/// Each session has its own server on an ephemeral 127.0.0.1 port, its own token and its own state,
/// so any number can run at once in one process.
package final class TransportSession: Sendable {
    /// `http://127.0.0.1:PORT`: what the program gets as `ANTHROPIC_BASE_URL`.
    package let baseURL: URL
    /// A fresh random token for this run only: what the program gets as `ANTHROPIC_API_KEY`.
    package let token: String
    /// Where answers come from.
    package let mode: TransportMode
    /// How fast a replay answers.
    package let pace: TransportPace

    // The rest is shared with the extensions in TransportSession+Stop.swift.
    let configuration: TransportConfiguration
    let log: SessionLog
    let server: LoopbackServer
    let upstream: (any HTTPUpstream)?
    let replayed: Cassette?
    let startedAt: Date
    /// The zero of every time in the ``TransportReport``, on the continuous clock.
    package let clockStart: ContinuousClock.Instant
    let lifecycle = Lifecycle()

    private init(
        configuration: TransportConfiguration, baseURL: URL, token: String, log: SessionLog, server: LoopbackServer,
        upstream: (any HTTPUpstream)?, replayed: Cassette?, startedAt: Date,
        clockStart: ContinuousClock.Instant
    ) {
        self.configuration = configuration
        self.mode = configuration.mode
        self.pace = configuration.pace
        self.baseURL = baseURL
        self.token = token
        self.log = log
        self.server = server
        self.upstream = upstream
        self.replayed = replayed
        self.startedAt = startedAt
        self.clockStart = clockStart
    }

    /// Loads the cassette (replay), opens the upstream client (record, live), and starts listening.
    ///
    /// Replay never opens a network connection: no upstream client is even created.
    package static func start(_ configuration: TransportConfiguration) async throws -> TransportSession {
        try configuration.validate()
        let replayed = try configuration.mode == .replay ? Cassette.load(from: configuration.cassette!) : nil
        let token = Self.makeToken()
        let log = SessionLog(matcher: replayed.map { RequestMatcher(entries: $0.entries) })
        if configuration.mode != .replay, configuration.upstream == nil, case .failure(let unavailable) = CurlLibrary.shared {
            throw TransportError(.engineUnreachable, unavailable.description, help: "install libcurl, or replay without --record/--live")
        }
        let upstream: (any HTTPUpstream)? =
            configuration.mode == .replay
            ? nil : (configuration.upstream ?? CurlUpstream(certificateAuthorities: configuration.certificateAuthorities))
        let startedAt = Date()
        let clockStart = ContinuousClock.now
        let handler = ExchangeHandler(
            mode: configuration.mode, pace: configuration.pace, token: token, log: log, cassette: replayed, upstream: upstream,
            engine: configuration.engine, engineKey: configuration.engineKey,
            redactor: Redactor(secrets: [configuration.engineKey?.value, token].compactMap { $0 }),
            start: clockStart, configuration: configuration)
        let server: LoopbackServer
        do {
            server = try await LoopbackServer.start(host: "127.0.0.1", port: 0) { request, writer in
                try await handler.respond(to: request, writer: writer)
            }
        } catch {
            await upstream?.shutdown()
            throw TransportError(
                .serverFailed, "the loopback server could not start on 127.0.0.1",
                help: "check that the loopback interface is up")
        }
        let port = server.port
        return TransportSession(
            configuration: configuration, baseURL: URL(string: "http://127.0.0.1:\(port)")!, token: token,
            log: log, server: server, upstream: upstream, replayed: replayed, startedAt: startedAt,
            clockStart: clockStart)
    }

    /// 32 random bytes from the system's secure generator, as hex.
    private static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return "notes-run-" + (0..<32).map { _ in String(format: "%02x", generator.next() as UInt8) }.joined()
    }
}

// MARK: - Program environment

extension TransportSession {
    /// The two variables a program needs: `ANTHROPIC_BASE_URL` and `ANTHROPIC_API_KEY` (the run's token).
    package var variables: [String: String] {
        ["ANTHROPIC_BASE_URL": baseURL.absoluteString, "ANTHROPIC_API_KEY": token]
    }

    /// `base` with ``variables`` set and anything carrying a real credential removed:
    /// `ANTHROPIC_API_KEY`, `ANTHROPIC_AUTH_TOKEN`, and every variable whose value contains the
    /// engine key or either of those values.
    package func environment(inheriting base: [String: String]) -> [String: String] {
        let secrets = [configuration.engineKey?.value, base["ANTHROPIC_API_KEY"], base["ANTHROPIC_AUTH_TOKEN"]]
            .compactMap { $0 }
            // Very short values would match innocent variables; those are removed by name only.
            .filter { $0.count >= 8 }
        var environment = base.filter { name, value in
            !["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL"].contains(name) && !secrets.contains { value.contains($0) }
        }
        environment.merge(variables) { $1 }
        return environment
    }
}
