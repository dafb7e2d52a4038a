import Foundation

/// How one session runs: mode, pace, cassette, engine and key.
package struct TransportConfiguration: Sendable {
    /// The engine that record and live mode forward to by default.
    package static let defaultEngine = URL(string: "https://api.anthropic.com")!

    /// Where answers come from.
    package var mode: TransportMode
    /// How fast a replay answers.
    package var pace: TransportPace
    /// The cassette to replay or to write; not needed in live mode.
    package var cassette: URL?
    /// Where record and live mode forward requests.
    package var engine: URL
    /// The real key, for record and live mode only.
    package var engineKey: EngineKey?
    /// The `notes` version, written into recorded cassettes.
    package var toolVersion: String
    /// `retry-after-ms` on replayed 408/409/429/5xx responses, so a replay never sleeps for seconds.
    package var replayRetryAfterMilliseconds: Int
    /// How long record and live mode wait for the engine's whole answer.
    package var upstreamTimeout: Duration
    /// Largest request body accepted (the engine's own limit is 32 MB).
    package var maximumRequestBytes: Int
    /// The connection to the engine; nil uses libcurl (``CurlUpstream``). Tests may pass a fake.
    package var upstream: (any HTTPUpstream)?
    /// A PEM bundle of certificate authorities to trust for the engine instead of the system's
    /// (`SSL_CERT_FILE` on the command line; a test CA in tests).
    package var certificateAuthorities: URL?
    /// Told of each authorised request as it arrives (its number, method and path), for progress
    /// displays; it sees no headers or bodies.
    package var onRequest: (@Sendable (_ number: Int, _ method: String, _ path: String) -> Void)?

    /// A configuration; replay at recorded pace unless told otherwise.
    package init(
        mode: TransportMode = .replay, pace: TransportPace = .recorded, cassette: URL?,
        engine: URL = TransportConfiguration.defaultEngine, engineKey: EngineKey? = nil, toolVersion: String
    ) {
        self.mode = mode
        self.pace = pace
        self.cassette = cassette
        self.engine = engine
        self.engineKey = engineKey
        self.toolVersion = toolVersion
        self.replayRetryAfterMilliseconds = 1
        self.upstreamTimeout = .seconds(600)
        self.maximumRequestBytes = 64 << 20
        self.upstream = nil
        self.certificateAuthorities = nil
        self.onRequest = nil
    }

    /// Checks what would make the session fail later, before any socket is opened.
    func validate() throws {
        guard let scheme = engine.scheme?.lowercased(), ["http", "https"].contains(scheme), engine.host != nil else {
            throw TransportError(
                .invalidEngine, "the engine URL `\(engine.absoluteString)` is not an http(s) URL",
                help: "pass a base URL such as https://api.anthropic.com")
        }
        if mode != .live, cassette == nil {
            throw TransportError(.cassetteMissing, "\(mode.rawValue) mode needs a cassette", help: "pass --cassette FILE")
        }
        if mode != .replay, engineKey?.value.isEmpty ?? true {
            throw TransportError(
                .keyMissing, "\(mode.rawValue) mode needs the engine's key",
                help: "set ANTHROPIC_API_KEY, or put ANTHROPIC_API_KEY=... in the project's .env (git-ignored)")
        }
    }
}
