import NotesRecords
import NotesTransport

/// Rebuilds the message a streamed response carried from its server-sent events, the way the SDK
/// accumulates them: `message_start`, then each block's start, deltas and stop, then `message_delta`.
enum StreamedMessage {
    /// The assembled message as JSON (`content`, `model`, `stop_reason`, `usage`), or nil without `message_start`.
    static func assemble(_ events: [SSEEvent]) -> JSONValue? {
        var message: [JSONValue.Member] = []
        var blocks: [Int: Block] = [:]
        var stopReason: JSONValue?
        var usage: [JSONValue.Member] = []
        for event in events {
            guard let data = payload(of: event), let type = data["type"]?.stringValue else { continue }
            switch type {
            case "message_start":
                message = data["message"]?.members ?? []
                usage = data["message"]?["usage"]?.members ?? []
            case "content_block_start":
                guard let index = data["index"]?.intValue, let block = data["content_block"] else { continue }
                blocks[index] = Block(start: block)
            case "content_block_delta":
                guard let index = data["index"]?.intValue, let delta = data["delta"] else { continue }
                blocks[index]?.apply(delta)
            case "message_delta":
                if let reason = data["delta"]?["stop_reason"] { stopReason = reason }
                for member in data["usage"]?.members ?? [] {
                    usage.removeAll { $0.key == member.key }
                    usage.append(member)
                }
            default:
                continue  // ping, content_block_stop, message_stop, error, unknown events
            }
        }
        guard !message.isEmpty else { return nil }
        let content = blocks.keys.sorted().map { blocks[$0]!.json }
        var result = message.filter { !["content", "stop_reason", "usage"].contains($0.key) }
        result.append(.init("content", .array(content)))
        result.append(.init("stop_reason", stopReason ?? .null))
        result.append(.init("usage", .object(usage)))
        return .object(result)
    }

    /// When the pieces of each block arrived, by block index: for text and thinking, the block's
    /// length (UTF-16) after each delta; and when each block was complete. Offsets are the events'.
    /// `started` lists the blocks' indices in the order ``assemble(_:)`` puts the blocks.
    static func timing(_ events: [SSEEvent]) -> (
        started: [Int], arrivals: [Int: [(offset: Int, length: Int)]], completes: [Int: Int]
    ) {
        var started: Set<Int> = []
        var arrivals: [Int: [(offset: Int, length: Int)]] = [:]
        var lengths: [Int: Int] = [:]
        var completes: [Int: Int] = [:]
        for event in events {
            guard let data = payload(of: event), let type = data["type"]?.stringValue, let index = data["index"]?.intValue else { continue }
            switch type {
            case "content_block_start":
                started.insert(index)
            case "content_block_delta":
                let delta = data["delta"]
                guard let piece = delta?["text"]?.stringValue ?? delta?["thinking"]?.stringValue else { continue }
                lengths[index, default: 0] += piece.utf16.count
                arrivals[index, default: []].append((event.offset, lengths[index]!))
            case "content_block_stop":
                completes[index] = event.offset
            default:
                continue
            }
        }
        return (started.sorted(), arrivals, completes)
    }

    /// The event's JSON payload, also for events kept verbatim.
    private static func payload(of event: SSEEvent) -> JSONValue? {
        if let data = event.data { return data }
        let text: String
        if let raw = event.raw {
            text = raw.split(separator: "\n").filter { $0.hasPrefix("data:") }
                .map { $0.dropFirst(5).drop { $0 == " " } }.joined(separator: "\n")
        } else if let body = event.text {
            text = body
        } else {
            return nil
        }
        return try? JSONValue(parsing: text)
    }

    /// One content block being accumulated.
    private struct Block {
        var fields: [JSONValue.Member]
        var text = ""
        var thinking = ""
        var signature = ""
        var partialJSON = ""

        init(start: JSONValue) {
            fields = start.members ?? []
            text = start["text"]?.stringValue ?? ""
            thinking = start["thinking"]?.stringValue ?? ""
            signature = start["signature"]?.stringValue ?? ""
        }

        mutating func apply(_ delta: JSONValue) {
            switch delta["type"]?.stringValue {
            case "text_delta": text += delta["text"]?.stringValue ?? ""
            case "thinking_delta": thinking += delta["thinking"]?.stringValue ?? ""
            case "signature_delta": signature += delta["signature"]?.stringValue ?? ""
            case "input_json_delta": partialJSON += delta["partial_json"]?.stringValue ?? ""
            default: break
            }
        }

        var json: JSONValue {
            var result = fields
            func set(_ key: String, _ value: JSONValue) {
                if let index = result.firstIndex(where: { $0.key == key }) {
                    result[index].value = value
                } else {
                    result.append(.init(key, value))
                }
            }
            switch fields.first(where: { $0.key == "type" })?.value.stringValue {
            case "text": set("text", .string(text))
            case "thinking":
                set("thinking", .string(thinking))
                set("signature", .string(signature))
            case "tool_use", "server_tool_use":
                if !partialJSON.isEmpty, let input = try? JSONValue(parsing: partialJSON) { set("input", input) }
            default: break
            }
            return .object(result)
        }
    }
}
