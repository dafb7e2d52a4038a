import Foundation

/// What one run of a listing printed and did, kept next to its cassette as
/// `runs/<listing>.transcript.json` and rendered by `notes build` without running anything.
///
/// Times are milliseconds from the start of the listing's process. Encoded with sorted keys and
/// stable formatting, so a transcript diffs cleanly in review.
package struct Transcript: Codable, Hashable, Sendable {
    /// Bumped when the meaning of a field changes; older files are re-made by `notes run`.
    package static let currentSchema = 1

    package var schema: Int
    /// `notes` version that wrote the transcript.
    package var tool: String
    package var listing: FileStamp
    package var cassette: CassetteStamp?
    /// sha256 of the requirements file the environment was built from (Python listings).
    package var requirementsSHA256: String?
    /// `replay`, `record` or `live`.
    package var mode: String
    /// `recorded` or `fast`.
    package var pace: String
    /// The command as the page shows it (`python parallel_tools.py`).
    package var command: String
    /// The argv actually executed, first element an absolute path.
    package var argv: [String]
    package var exit: ExitStatus
    package var durationMS: Int
    package var output: Output
    package var modelCalls: [ModelCall]
    package var steps: [Step]
    /// Spans of tool work that were not observed call by call: the gaps between model calls.
    package var toolPhases: [Span]

    enum CodingKeys: String, CodingKey {
        case schema, tool, listing, cassette, mode, pace, command, argv, exit, output, steps
        case requirementsSHA256 = "requirements_sha256"
        case durationMS = "duration_ms"
        case modelCalls = "model_calls"
        case toolPhases = "tool_phases"
    }

    /// Creates a value from its fields.
    package init(
        schema: Int, tool: String, listing: FileStamp, cassette: CassetteStamp? = nil, requirementsSHA256: String? = nil, mode: String,
        pace: String, command: String, argv: [String], exit: ExitStatus, durationMS: Int, output: Output, modelCalls: [ModelCall],
        steps: [Step], toolPhases: [Span]
    ) {
        self.schema = schema
        self.tool = tool
        self.listing = listing
        self.cassette = cassette
        self.requirementsSHA256 = requirementsSHA256
        self.mode = mode
        self.pace = pace
        self.command = command
        self.argv = argv
        self.exit = exit
        self.durationMS = durationMS
        self.output = output
        self.modelCalls = modelCalls
        self.steps = steps
        self.toolPhases = toolPhases
    }
}

extension Transcript {
    /// A file and its sha256, to tell when a transcript no longer matches its listing.
    package struct FileStamp: Codable, Hashable, Sendable {
        /// Relative to the note's folder.
        package var path: String
        package var sha256: String

        /// Creates a value from its fields.
        package init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    /// The cassette the run used, with what it says about its recording.
    package struct CassetteStamp: Codable, Hashable, Sendable {
        package var path: String
        package var sha256: String
        /// `recorded` or `reconstructed`.
        package var provenance: String
        /// Wall clock at the start of the recording, RFC 3339.
        package var recordedAt: String
        package var engine: String

        enum CodingKeys: String, CodingKey {
            case path, sha256, provenance, engine
            case recordedAt = "recorded_at"
        }

        /// Creates a value from its fields.
        package init(path: String, sha256: String, provenance: String, recordedAt: String, engine: String) {
            self.path = path
            self.sha256 = sha256
            self.provenance = provenance
            self.recordedAt = recordedAt
            self.engine = engine
        }
    }

    /// How the process ended.
    package struct ExitStatus: Codable, Hashable, Sendable {
        /// `exited`, `signaled` or `timeout`.
        package var kind: String
        /// The exit code, or the signal number.
        package var code: Int
        /// For timeouts: the limit in seconds.
        package var limitSeconds: Int?

        enum CodingKeys: String, CodingKey {
            case kind, code
            case limitSeconds = "limit_s"
        }

        package static func exited(_ code: Int) -> ExitStatus { ExitStatus(kind: "exited", code: code, limitSeconds: nil) }
        package static func signaled(_ signal: Int) -> ExitStatus { ExitStatus(kind: "signaled", code: signal, limitSeconds: nil) }
        package static func timeout(after seconds: Int) -> ExitStatus { ExitStatus(kind: "timeout", code: 0, limitSeconds: seconds) }

        /// True for `exit 0`.
        package var isSuccess: Bool { kind == "exited" && code == 0 }

        /// `exit 0`, `killed by signal 9`, `timed out after 120 s`.
        package var summary: String {
            switch kind {
            case "exited": "exit \(code)"
            case "signaled": "killed by signal \(code)"
            default: "timed out after \(limitSeconds ?? 0) s"
            }
        }

        /// Creates a value from its fields.
        package init(kind: String, code: Int, limitSeconds: Int? = nil) {
            self.kind = kind
            self.code = code
            self.limitSeconds = limitSeconds
        }
    }

    /// What the process wrote.
    package struct Output: Codable, Hashable, Sendable {
        package var lines: [Line]
        /// Set when output went past the cap and the rest was dropped (a marker line says so).
        package var truncated: Bool

        /// One line of standard output or standard error.
        package struct Line: Codable, Hashable, Sendable {
            /// `stdout` or `stderr`.
            package var stream: String
            /// When the line's first byte arrived.
            package var atMS: Int
            package var text: String

            enum CodingKeys: String, CodingKey {
                case stream, text
                case atMS = "at_ms"
            }

            /// Creates a value from its fields.
            package init(stream: String, atMS: Int, text: String) {
                self.stream = stream
                self.atMS = atMS
                self.text = text
            }
        }

        /// Standard output's lines, joined as the program printed them.
        package var stdout: String { lines.filter { $0.stream == "stdout" }.map(\.text).joined(separator: "\n") }

        /// Creates a value from its fields.
        package init(lines: [Line], truncated: Bool) {
            self.lines = lines
            self.truncated = truncated
        }
    }

    /// A span of time.
    package struct Span: Codable, Hashable, Sendable {
        package var startMS: Int
        package var endMS: Int

        enum CodingKeys: String, CodingKey {
            case startMS = "start_ms"
            case endMS = "end_ms"
        }

        /// Creates a value from its fields.
        package init(startMS: Int, endMS: Int) {
            self.startMS = startMS
            self.endMS = endMS
        }
    }
}
