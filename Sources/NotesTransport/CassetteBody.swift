import Foundation
import NotesRecords

/// A request or response body as a cassette keeps it: as JSON when that loses nothing, as events for
/// streams, else as text or base64.
package enum CassetteBody: Sendable, Hashable {
    /// No body.
    case empty
    /// A JSON body; re-serialised compactly it gives back the bytes that were on the wire.
    case json(JSONValue, escapesNonASCII: Bool = false)
    /// A text body that is not JSON (or JSON that would not round-trip exactly).
    case text(String)
    /// Bytes that are not UTF-8, stored base64.
    case binary([UInt8])
    /// A `text/event-stream` body, event by event.
    case events([SSEEvent])

    /// Chooses the most readable form that still reproduces `bytes` exactly.
    package static func capture(_ bytes: [UInt8]) -> CassetteBody {
        if bytes.isEmpty { return .empty }
        if let (value, escapes) = JSONValue.faithful(bytes) { return .json(value, escapesNonASCII: escapes) }
        if let text = String(validatingUTF8: bytes) { return .text(text) }
        return .binary(bytes)
    }

    /// The bytes to send.
    package var wireBytes: [UInt8] {
        switch self {
        case .empty: []
        case .json(let value, let escapes): value.serialized(JSONFormat(escapesNonASCII: escapes))
        case .text(let text): Array(text.utf8)
        case .binary(let bytes): bytes
        case .events(let events): events.flatMap(\.wireBytes)
        }
    }

    /// The body as JSON, when it is JSON.
    package var json: JSONValue? {
        if case .json(let value, _) = self { return value }
        return nil
    }

    /// The streamed events, when this is a stream.
    package var events: [SSEEvent]? {
        if case .events(let events) = self { return events }
        return nil
    }

    /// The text used to match requests: canonical JSON, else the body itself.
    var matchingText: String {
        if let json = parsedJSON { return json.canonicalText }
        if case .binary(let bytes) = self { return Data(bytes).base64EncodedString() }
        return String(decoding: wireBytes, as: UTF8.self)
    }

    /// The same body with `transform` applied to every stored string (for scrubbing secrets).
    func mapStrings(_ transform: (String) -> String) -> CassetteBody {
        switch self {
        case .empty, .binary: self
        case .json(let value, let escapes): .json(value.mapStrings(transform), escapesNonASCII: escapes)
        case .text(let text): .text(transform(text))
        case .events(let events):
            .events(
                events.map { event in
                    var event = event
                    event.data = event.data?.mapStrings(transform)
                    event.text = event.text.map(transform)
                    event.raw = event.raw.map(transform)
                    event.event = event.event.map(transform)
                    return event
                })
        }
    }
}

extension JSONValue {
    /// The same value with `transform` applied to every string, keys included.
    func mapStrings(_ transform: (String) -> String) -> JSONValue {
        switch self {
        case .string(let text): .string(transform(text))
        case .array(let elements): .array(elements.map { $0.mapStrings(transform) })
        case .object(let members): .object(members.map { Member(transform($0.key), $0.value.mapStrings(transform)) })
        default: self
        }
    }
}
