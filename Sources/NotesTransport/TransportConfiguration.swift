import Foundation

/// How one session runs: mode, pace, cassette, engine and key.
public struct TransportConfiguration: Sendable {
    /// The engine that record and live mode forward to by default.
    public static let defaultEngine = URL(string: "https://api.anthropic.com")!

    /// Where answers come from.
    public var mode: TransportMode
    /// How fast a replay answers.
    public var pace: TransportPace
    /// The cassette to replay or to write; not needed in live mode.
    public var cassette: URL?
    /// Where record and live mode forward requests.
    public var engine: URL
    /// The real key, for record and live mode only.
    public var engineKey: EngineKey?
    /// The `notes` version, written into recorded cassettes.
    public var toolVersion: String
    /// `retry-after-ms` on replayed 408/409/429/5xx responses, so a replay never sleeps for seconds.
    public var replayRetryAfterMilliseconds: Int
    /// How long record and live mode wait for the engine's whole answer.
    public var upstreamTimeout: Duration
    /// Largest request body accepted (the engine's own limit is 32 MB).
    public var maximumRequestBytes: Int
    /// The connection to the engine; nil uses AsyncHTTPClient. Tests may pass a fake.
    public var upstream: (any HTTPUpstream)?
    /// Told of each authorised request as it arrives (its number, method and path), for progress
    /// displays; it sees no headers or bodies.
    public var onRequest: (@Sendable (_ number: Int, _ method: String, _ path: String) -> Void)?

    /// A configuration; replay at recorded pace unless told otherwise.
    public init(
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
        self.onRequest = nil
    }

    /// Checks what would make the session fail later, before any socket is opened.
    func validate() throws {
        guard let scheme = engine.scheme?.lowercased(), ["http", "https"].contains(scheme), engine.host != nil else {
            throw TransportError(.invalidEngine, "the engine URL `\(engine.absoluteString)` is not an http(s) URL",
                                 help: "pass a base URL such as https://api.anthropic.com")
        }
        if mode != .live, cassette == nil {
            throw TransportError(.cassetteMissing, "\(mode.rawValue) mode needs a cassette", help: "pass --cassette FILE")
        }
        if mode != .replay, engineKey?.value.isEmpty ?? true {
            throw TransportError(.keyMissing, "\(mode.rawValue) mode needs the engine's key",
                                 help: "set ANTHROPIC_API_KEY, or put ANTHROPIC_API_KEY=... in the project's .env (git-ignored)")
        }
    }
}
