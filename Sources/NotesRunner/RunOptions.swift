import Foundation
import NotesRecords
import NotesTransport

/// How `notes run` runs listings.
package struct RunOptions: Sendable {
    /// Replay (offline, the default), record or live.
    package var mode: TransportMode
    /// Replay at the recorded pace, or at once.
    package var pace: TransportPace
    /// The engine for record and live mode.
    package var engine: URL
    /// The real key, for record and live mode only.
    package var engineKey: EngineKey?
    /// A PEM bundle of certificate authorities to trust for the engine instead of the system's.
    package var certificateAuthorities: URL?
    /// How long a listing may run before its process group is killed.
    package var timeout: Duration
    /// Output kept per listing; the rest is dropped behind a marker line.
    package var outputLimit: Int
    /// False for `notes check`, which re-runs listings to compare and must not touch their files.
    package var keepsResults: Bool
    /// Store a recording even when it failed (`--keep-failed`): for notes that show a failure on
    /// purpose. Otherwise a failed recording is set aside and the stored run kept.
    package var keepsFailedRecordings = false

    package init(
        mode: TransportMode = .replay, pace: TransportPace = .recorded, engine: URL = TransportConfiguration.defaultEngine,
        engineKey: EngineKey? = nil, timeout: Duration = .seconds(120), outputLimit: Int = 1 << 20, keepsResults: Bool = true
    ) {
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
package struct RunResult: Sendable {
    package var listing: RunnableListing
    package var transcript: Transcript
    /// Things worth a look that did not stop the run (transport warnings, version mismatches).
    package var warnings: [String]
    /// Where a failed recording was set aside (`.notes/failed/...`) instead of replacing the stored
    /// run, which was kept; nil when the run was stored (or nothing was to be stored).
    package var setAside: URL?
}

/// What a running listing is doing, for a live progress line.
package enum RunProgress: Sendable {
    case preparing(String)
    case running
    /// The listing sent a request to the model.
    case modelCall
    /// The listing wrote this (a chunk as read, not necessarily whole lines or characters).
    case output([UInt8], isStandardError: Bool)
    case finished(Transcript.ExitStatus)
}
