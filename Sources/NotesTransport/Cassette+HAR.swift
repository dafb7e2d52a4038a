import Foundation
import NotesRecords

// MARK: - Writing HAR

extension Cassette {
    /// The whole file as a JSON value: HAR 1.2 with the cassette's own fields under `_notes`.
    var harValue: JSONValue {
        let notes = JSONValue.sortedObject([
            ("format", .int(metadata.formatVersion)),
            ("recorded_at", .string(HARDate.format(metadata.recordedAt))),
            ("engine", .string(metadata.engine)),
            ("client", metadata.client.map(JSONValue.string)),
            ("tool_version", .string(metadata.toolVersion)),
            ("provenance", .string(metadata.provenance.rawValue)),
        ])
        let log = JSONValue.sortedObject([
            ("version", "1.2"),
            ("creator", .sortedObject([("name", "notes"), ("version", .string(metadata.toolVersion))])),
            ("comment", metadata.comment.map(JSONValue.string)),
            ("entries", .array(entries.map(\.harValue))),
            ("_notes", notes),
        ])
        return .sortedObject([("log", log)])
    }
}

extension CassetteEntry {
    var harValue: JSONValue {
        .sortedObject([
            ("startedDateTime", .string(HARDate.format(startedDateTime))),
            ("time", .int(timings.total)),
            ("request", request.harValue),
            ("response", response.harValue),
            ("cache", .object([])),
            ("timings", .sortedObject([("send", .int(timings.send)), ("wait", .int(timings.wait)), ("receive", .int(timings.receive))])),
            ("comment", comment.map(JSONValue.string)),
        ])
    }
}

extension CassetteRequest {
    var harValue: JSONValue {
        let query = URLComponents(string: url)?.queryItems ?? []
        var postData: JSONValue?
        if body != .empty {
            postData = .sortedObject([("mimeType", .string(headers.value(of: "content-type") ?? body.defaultMimeType))] + body.harFields)
        }
        return .sortedObject([
            ("method", .string(method)),
            ("url", .string(url)),
            ("httpVersion", "HTTP/1.1"),
            ("headers", headers.harValue),
            ("queryString", .array(query.map { .sortedObject([("name", .string($0.name)), ("value", .string($0.value ?? ""))]) })),
            ("cookies", .array([])),
            ("headersSize", -1),
            ("bodySize", .int(body.wireBytes.count)),
            ("postData", postData),
        ])
    }
}

extension CassetteResponse {
    var harValue: JSONValue {
        let size = body.wireBytes.count
        let content = JSONValue.sortedObject(
            [("size", .int(size)), ("mimeType", .string(headers.value(of: "content-type") ?? body.defaultMimeType))] + body.harFields)
        return .sortedObject([
            ("status", .int(status)),
            ("statusText", .string(statusText)),
            ("httpVersion", "HTTP/1.1"),
            ("headers", headers.harValue),
            ("cookies", .array([])),
            ("content", content),
            ("redirectURL", ""),
            ("headersSize", -1),
            ("bodySize", .int(size)),
            ("_error", error.map(JSONValue.string)),
            ("_unanswered", isUnanswered ? .bool(true) : nil),
        ])
    }
}

extension Array where Element == CassetteHeader {
    var harValue: JSONValue {
        .array(map { .sortedObject([("name", .string($0.name)), ("value", .string($0.value))]) })
    }
}

extension CassetteBody {
    /// The fields that carry this body inside HAR's `postData` or `content`.
    var harFields: [(String, JSONValue?)] {
        switch self {
        case .empty: []
        case .json(let value, let escapes): [("_json", value), ("_asciiEscaped", escapes ? .bool(true) : nil)]
        case .text(let text): [("text", .string(text))]
        case .binary(let bytes): [("text", .string(Data(bytes).base64EncodedString())), ("encoding", "base64")]
        case .events(let events): [("_events", .array(events.map(\.harValue)))]
        }
    }

    var defaultMimeType: String {
        switch self {
        case .empty: ""
        case .json: "application/json"
        case .text: "text/plain"
        case .binary: "application/octet-stream"
        case .events: "text/event-stream"
        }
    }
}

extension SSEEvent {
    var harValue: JSONValue {
        .sortedObject([
            ("offset", .int(offset)),
            ("event", raw == nil ? event.map(JSONValue.string) : nil),
            ("data", raw == nil ? data : nil),
            ("text", raw == nil ? text.map(JSONValue.string) : nil),
            ("asciiEscaped", raw == nil && escapesNonASCII ? .bool(true) : nil),
            ("raw", raw.map(JSONValue.string)),
        ])
    }
}

/// HAR's dates: ISO 8601 in UTC with milliseconds (`2026-05-21T10:00:00.000Z`).
enum HARDate {
    /// Rounds to the nearest millisecond itself: the formatter truncates, and a parsed `.492` may
    /// come back as `.49199999`, which would then print as `.491`.
    static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let whole = fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        let base = Date(timeIntervalSince1970: TimeInterval(whole.0))
            .formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
        return base.dropLast() + "." + String(format: "%03d", whole.1) + "Z"
    }

    /// Accepts dates with or without fractional seconds and with `Z` or an offset.
    static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
