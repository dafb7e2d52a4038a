import Foundation

extension Transcript {
    /// One call to the model that produced a step (failed attempts before it are kept as `attempts`).
    package struct ModelCall: Codable, Hashable, Sendable {
        /// The request's number among all requests of the run, from 1.
        package var exchange: Int
        package var startMS: Int
        /// First response byte (non-streamed) or first event (streamed).
        package var firstEventMS: Int?
        package var endMS: Int
        package var model: String
        package var stopReason: String?
        package var usage: [String: Int]
        package var streamed: Bool
        /// Failed attempts answered before this one (429, 529, ...), which the client retried.
        package var attempts: [Attempt]

        enum CodingKeys: String, CodingKey {
            case exchange, model, usage, streamed, attempts
            case startMS = "start_ms"
            case firstEventMS = "first_event_ms"
            case endMS = "end_ms"
            case stopReason = "stop_reason"
        }

        /// Creates a value from its fields.
        package init(
            exchange: Int, startMS: Int, firstEventMS: Int? = nil, endMS: Int, model: String, stopReason: String? = nil,
            usage: [String: Int], streamed: Bool, attempts: [Attempt]
        ) {
            self.exchange = exchange
            self.startMS = startMS
            self.firstEventMS = firstEventMS
            self.endMS = endMS
            self.model = model
            self.stopReason = stopReason
            self.usage = usage
            self.streamed = streamed
            self.attempts = attempts
        }
    }

    /// An answered request that failed before a retry.
    package struct Attempt: Codable, Hashable, Sendable {
        package var status: Int
        package var errorType: String?
        package var startMS: Int
        package var endMS: Int

        enum CodingKeys: String, CodingKey {
            case status
            case errorType = "error_type"
            case startMS = "start_ms"
            case endMS = "end_ms"
        }

        /// Creates a value from its fields.
        package init(status: Int, errorType: String? = nil, startMS: Int, endMS: Int) {
            self.status = status
            self.errorType = errorType
            self.startMS = startMS
            self.endMS = endMS
        }
    }

    /// One turn of the agent: what the model said and asked for, and what came back.
    package struct Step: Codable, Hashable, Sendable {
        /// From 1, one per model call.
        package var number: Int
        /// The last step, when the model stopped without asking for tools.
        package var isFinal: Bool
        /// Index into ``Transcript/modelCalls``.
        package var modelCall: Int
        package var blocks: [Block]

        enum CodingKeys: String, CodingKey {
            case number, blocks
            case isFinal = "final"
            case modelCall = "model_call"
        }

        /// Creates a value from its fields.
        package init(number: Int, isFinal: Bool, modelCall: Int, blocks: [Block]) {
            self.number = number
            self.isFinal = isFinal
            self.modelCall = modelCall
            self.blocks = blocks
        }
    }

    /// A content block of the model's reply, with the tool result paired to each tool call.
    package struct Block: Codable, Hashable, Sendable {
        /// `thinking`, `redacted_thinking`, `text` or `tool_use`.
        package var type: String
        /// The thinking or the text.
        package var text: String?
        /// For tool_use: its id, name and input (compact JSON with sorted keys).
        package var id: String?
        package var name: String?
        package var input: String?
        /// For tool_use: the tool_result sent back in the next request.
        package var result: ToolResult?
        /// For tool_use: when the tool ran, if it was observed.
        package var span: ToolSpan?
        /// For a streamed reply: when each piece of the text or thinking arrived, so a replay in the
        /// page can show it at the recorded pace. Absent for replies that came whole.
        package var arrivals: [Arrival]?
        /// For a streamed reply: when the block was complete (its `content_block_stop`).
        package var completeMS: Int?

        enum CodingKeys: String, CodingKey {
            case type, text, id, name, input, result, span, arrivals
            case completeMS = "complete_ms"
        }

        /// Creates a value from its fields.
        package init(
            type: String, text: String? = nil, id: String? = nil, name: String? = nil, input: String? = nil, result: ToolResult? = nil,
            span: ToolSpan? = nil, arrivals: [Arrival]? = nil, completeMS: Int? = nil
        ) {
            self.type = type
            self.text = text
            self.id = id
            self.name = name
            self.input = input
            self.result = result
            self.span = span
            self.arrivals = arrivals
            self.completeMS = completeMS
        }
    }

    /// How much of a streamed block's text had arrived by a moment: after the event at `atMS`, its
    /// first `length` UTF-16 code units (the unit a page's script counts in).
    package struct Arrival: Codable, Hashable, Sendable {
        package var atMS: Int
        package var length: Int

        enum CodingKeys: String, CodingKey {
            case length
            case atMS = "at_ms"
        }

        package init(atMS: Int, length: Int) {
            self.atMS = atMS
            self.length = length
        }
    }

    /// What the program sent back for a tool call.
    package struct ToolResult: Codable, Hashable, Sendable {
        /// The result's text (blocks joined; non-text blocks named in brackets).
        package var text: String
        package var isError: Bool

        enum CodingKeys: String, CodingKey {
            case text
            case isError = "is_error"
        }

        /// Creates a value from its fields.
        package init(text: String, isError: Bool) {
            self.text = text
            self.isError = isError
        }
    }

    /// When a tool call ran, and how that is known.
    package struct ToolSpan: Codable, Hashable, Sendable {
        package var startMS: Int
        package var endMS: Int
        /// `hook` (the runner observed the tool function) or `trace` (the listing wrote NOTES_TRACE).
        package var source: String

        enum CodingKeys: String, CodingKey {
            case source
            case startMS = "start_ms"
            case endMS = "end_ms"
        }

        /// Creates a value from its fields.
        package init(startMS: Int, endMS: Int, source: String) {
            self.startMS = startMS
            self.endMS = endMS
            self.source = source
        }
    }
}

// MARK: - Encoding

extension Transcript {
    /// Two-space JSON with sorted keys and a final newline, written like cassettes: stable across
    /// runs of the same content and easy to review.
    package func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let compact = try encoder.encode(self)
        var bytes = try JSONValue(parsing: [UInt8](compact)).serialized(JSONFormat(indent: 2, sortsKeys: true))
        bytes.append(0x0A)
        return Data(bytes)
    }

    /// Reads a transcript file.
    package static func load(from url: URL) throws -> Transcript {
        try JSONDecoder().decode(Transcript.self, from: Data(contentsOf: url))
    }
}
