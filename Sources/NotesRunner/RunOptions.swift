import Foundation
import NotesTransport

/// How `notes run` runs listings.
public struct RunOptions: Sendable {
    /// Replay (offline, the default), record or live.
    public var mode: TransportMode
    /// Replay at the recorded pace, or at once.
    public var pace: TransportPace
    /// The engine for record and live mode.
    public var engine: URL
    /// The real key, for record and live mode only.
    public var engineKey: EngineKey?
    /// How long a listing may run before its process group is killed.
    public var timeout: Duration
    /// Output kept per listing; the rest is dropped behind a marker line.
    public var outputLimit: Int
    /// False for `notes check`, which re-runs listings to compare and must not touch their files.
    public var keepsResults: Bool

    public init(mode: TransportMode = .replay, pace: TransportPace = .recorded, engine: URL = TransportConfiguration.defaultEngine,
                engineKey: EngineKey? = nil, timeout: Duration = .seconds(120), outputLimit: Int = 1 << 20, keepsResults: Bool = true) {
        self.mode = mode
        self.pace = pace
        self.engine = engine
        self.engineKey = engineKey
        self.timeout = timeout
        self.outputLimit = outputLimit
        self.keepsResults = keepsResults
    }
}

/// What running one listing gave.
public struct RunResult: Sendable {
    public var listing: RunnableListing
    public var transcript: Transcript
    /// Things worth a look that did not stop the run (transport warnings, version mismatches).
    public var warnings: [String]
}

/// What a running listing is doing, for a live progress line.
public enum RunProgress: Sendable {
    case preparing(String)
    case running
    /// The listing sent a request to the model.
    case modelCall
    case finished(Transcript.ExitStatus)
}
