import Foundation
import NotesTransport

extension Transcript {
    /// One call to the model that produced a step (failed attempts before it are kept as `attempts`).
    public struct ModelCall: Codable, Hashable, Sendable {
        /// The request's number among all requests of the run, from 1.
        public var exchange: Int
        public var startMS: Int
        /// First response byte (non-streamed) or first event (streamed).
        public var firstEventMS: Int?
        public var endMS: Int
        public var model: String
        public var stopReason: String?
        public var usage: [String: Int]
        public var streamed: Bool
        /// Failed attempts answered before this one (429, 529, ...), which the client retried.
        public var attempts: [Attempt]

        enum CodingKeys: String, CodingKey {
            case exchange, model, usage, streamed, attempts
            case startMS = "start_ms"
            case firstEventMS = "first_event_ms"
            case endMS = "end_ms"
            case stopReason = "stop_reason"
        }
    }

    /// An answered request that failed before a retry.
    public struct Attempt: Codable, Hashable, Sendable {
        public var status: Int
        public var errorType: String?
        public var startMS: Int
        public var endMS: Int

        enum CodingKeys: String, CodingKey {
            case status
            case errorType = "error_type"
            case startMS = "start_ms"
            case endMS = "end_ms"
        }
    }

    /// One turn of the agent: what the model said and asked for, and what came back.
    public struct Step: Codable, Hashable, Sendable {
        /// From 1, one per model call.
        public var number: Int
        /// The last step, when the model stopped without asking for tools.
        public var isFinal: Bool
        /// Index into ``Transcript/modelCalls``.
        public var modelCall: Int
        public var blocks: [Block]

        enum CodingKeys: String, CodingKey {
            case number, blocks
            case isFinal = "final"
            case modelCall = "model_call"
        }
    }

    /// A content block of the model's reply, with the tool result paired to each tool call.
    public struct Block: Codable, Hashable, Sendable {
        /// `thinking`, `redacted_thinking`, `text` or `tool_use`.
        public var type: String
        /// The thinking or the text.
        public var text: String?
        /// For tool_use: its id, name and input (compact JSON with sorted keys).
        public var id: String?
        public var name: String?
        public var input: String?
        /// For tool_use: the tool_result sent back in the next request.
        public var result: ToolResult?
        /// For tool_use: when the tool ran, if it was observed.
        public var span: ToolSpan?
    }

    /// What the program sent back for a tool call.
    public struct ToolResult: Codable, Hashable, Sendable {
        /// The result's text (blocks joined; non-text blocks named in brackets).
        public var text: String
        public var isError: Bool

        enum CodingKeys: String, CodingKey {
            case text
            case isError = "is_error"
        }
    }

    /// When a tool call ran, and how that is known.
    public struct ToolSpan: Codable, Hashable, Sendable {
        public var startMS: Int
        public var endMS: Int
        /// `hook` (the runner observed the tool function) or `trace` (the listing wrote NOTES_TRACE).
        public var source: String

        enum CodingKeys: String, CodingKey {
            case source
            case startMS = "start_ms"
            case endMS = "end_ms"
        }
    }
}

// MARK: - Encoding

extension Transcript {
    /// Two-space JSON with sorted keys and a final newline, written like cassettes: stable across
    /// runs of the same content and easy to review.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let compact = try encoder.encode(self)
        var bytes = try JSONValue(parsing: [UInt8](compact)).serialized(JSONFormat(indent: 2, sortsKeys: true))
        bytes.append(0x0A)
        return Data(bytes)
    }

    /// Reads a transcript file.
    public static func load(from url: URL) throws -> Transcript {
        try JSONDecoder().decode(Transcript.self, from: Data(contentsOf: url))
    }
}
