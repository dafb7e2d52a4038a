import Foundation

/// What one run of a listing printed and did, kept next to its cassette as
/// `runs/<listing>.transcript.json` and rendered by `notes build` without running anything.
///
/// Times are milliseconds from the start of the listing's process. Encoded with sorted keys and
/// stable formatting, so a transcript diffs cleanly in review.
public struct Transcript: Codable, Hashable, Sendable {
    /// Bumped when the meaning of a field changes; older files are re-made by `notes run`.
    public static let currentSchema = 1

    public var schema: Int
    /// `notes` version that wrote the transcript.
    public var tool: String
    public var listing: FileStamp
    public var cassette: CassetteStamp?
    /// sha256 of the requirements file the environment was built from (Python listings).
    public var requirementsSHA256: String?
    /// `replay`, `record` or `live`.
    public var mode: String
    /// `recorded` or `fast`.
    public var pace: String
    /// The command as the page shows it (`python parallel_tools.py`).
    public var command: String
    /// The argv actually executed, first element an absolute path.
    public var argv: [String]
    public var exit: ExitStatus
    public var durationMS: Int
    public var output: Output
    public var modelCalls: [ModelCall]
    public var steps: [Step]
    /// Spans of tool work that were not observed call by call: the gaps between model calls.
    public var toolPhases: [Span]

    enum CodingKeys: String, CodingKey {
        case schema, tool, listing, cassette, mode, pace, command, argv, exit, output, steps
        case requirementsSHA256 = "requirements_sha256"
        case durationMS = "duration_ms"
        case modelCalls = "model_calls"
        case toolPhases = "tool_phases"
    }
}

extension Transcript {
    /// A file and its sha256, to tell when a transcript no longer matches its listing.
    public struct FileStamp: Codable, Hashable, Sendable {
        /// Relative to the note's folder.
        public var path: String
        public var sha256: String
    }

    /// The cassette the run used, with what it says about its recording.
    public struct CassetteStamp: Codable, Hashable, Sendable {
        public var path: String
        public var sha256: String
        /// `recorded` or `reconstructed`.
        public var provenance: String
        /// Wall clock at the start of the recording, RFC 3339.
        public var recordedAt: String
        public var engine: String

        enum CodingKeys: String, CodingKey {
            case path, sha256, provenance, engine
            case recordedAt = "recorded_at"
        }
    }

    /// How the process ended.
    public struct ExitStatus: Codable, Hashable, Sendable {
        /// `exited`, `signaled` or `timeout`.
        public var kind: String
        /// The exit code, or the signal number.
        public var code: Int
        /// For timeouts: the limit in seconds.
        public var limitSeconds: Int?

        enum CodingKeys: String, CodingKey {
            case kind, code
            case limitSeconds = "limit_s"
        }

        public static func exited(_ code: Int) -> ExitStatus { ExitStatus(kind: "exited", code: code, limitSeconds: nil) }
        public static func signaled(_ signal: Int) -> ExitStatus { ExitStatus(kind: "signaled", code: signal, limitSeconds: nil) }
        public static func timeout(after seconds: Int) -> ExitStatus { ExitStatus(kind: "timeout", code: 0, limitSeconds: seconds) }

        /// True for `exit 0`.
        public var isSuccess: Bool { kind == "exited" && code == 0 }

        /// `exit 0`, `killed by signal 9`, `timed out after 120 s`.
        public var summary: String {
            switch kind {
            case "exited": "exit \(code)"
            case "signaled": "killed by signal \(code)"
            default: "timed out after \(limitSeconds ?? 0) s"
            }
        }
    }

    /// What the process wrote.
    public struct Output: Codable, Hashable, Sendable {
        public var lines: [Line]
        /// Set when output went past the cap and the rest was dropped (a marker line says so).
        public var truncated: Bool

        /// One line of standard output or standard error.
        public struct Line: Codable, Hashable, Sendable {
            /// `stdout` or `stderr`.
            public var stream: String
            /// When the line's first byte arrived.
            public var atMS: Int
            public var text: String

            enum CodingKeys: String, CodingKey {
                case stream, text
                case atMS = "at_ms"
            }
        }

        /// Standard output's lines, joined as the program printed them.
        public var stdout: String { lines.filter { $0.stream == "stdout" }.map(\.text).joined(separator: "\n") }
    }

    /// A span of time.
    public struct Span: Codable, Hashable, Sendable {
        public var startMS: Int
        public var endMS: Int

        enum CodingKeys: String, CodingKey {
            case startMS = "start_ms"
            case endMS = "end_ms"
        }
    }
}
