import Foundation
import NotesDiagnostics
import NotesRecords

// MARK: - Reading HAR

extension Cassette {
    /// Reads a cassette from its bytes; `path` names the file in errors.
    ///
    /// Lenient where HAR is verbose (missing `cookies`, `headersSize`, `timings` and so on take their
    /// defaults) so that a cassette can be written by hand; strict where replay needs a value.
    package init(decoding bytes: [UInt8], path: String) throws {
        let reader = HARReader(path: path)
        let root: JSONValue
        do {
            root = try JSONValue(parsing: bytes)
        } catch {
            // Point at the line and column where the JSON stops making sense.
            var at = SourceLocation(path: path)
            if let offset = (error as? JSONParseError)?.offset {
                let lines = bytes.prefix(offset).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                at = SourceLocation(path: path, line: lines.count, column: (lines.last?.count ?? 0) + 1)
            }
            throw TransportError(
                .invalidCassette, at: at, "the cassette is not valid JSON",
                help: "restore it from git, or record it again with --record", reasons: [String(describing: error)])
        }
        let log = try reader.required(root["log"], "log")
        let notes = try reader.required(log["_notes"], "log._notes")
        let format = try reader.int(notes["format"], "log._notes.format")
        guard format <= Cassette.formatVersion else {
            throw TransportError(
                .unsupportedFormat, at: SourceLocation(path: path),
                "the cassette is in format \(format), newer than this notes reads (\(Cassette.formatVersion))",
                help: "update notes, or record the cassette again with this version")
        }
        let provenanceText = try reader.string(notes["provenance"], "log._notes.provenance")
        guard let provenance = Provenance(rawValue: provenanceText) else {
            throw reader.invalid("log._notes.provenance", "must be \"recorded\" or \"reconstructed\"")
        }
        metadata = Metadata(
            recordedAt: try reader.date(notes["recorded_at"], "log._notes.recorded_at"),
            engine: try reader.string(notes["engine"], "log._notes.engine"),
            client: notes["client"]?.stringValue,
            toolVersion: notes["tool_version"]?.stringValue ?? "",
            provenance: provenance,
            comment: log["comment"]?.stringValue)
        metadata.formatVersion = format
        let list = try reader.required(log["entries"], "log.entries")
        guard let items = list.arrayValue else { throw reader.invalid("log.entries", "must be an array") }
        entries = try items.enumerated().map { index, item in try reader.entry(item, "log.entries[\(index)]") }
    }
}

/// Reads HAR values and names the exact JSON path of anything wrong.
struct HARReader {
    /// The file, for error locations.
    let path: String

    func entry(_ value: JSONValue, _ at: String) throws -> CassetteEntry {
        let request = try required(value["request"], at + ".request")
        let response = try required(value["response"], at + ".response")
        let timings = value["timings"]
        return CassetteEntry(
            startedDateTime: try date(value["startedDateTime"], at + ".startedDateTime"),
            request: CassetteRequest(
                method: try string(request["method"], at + ".request.method"),
                url: try string(request["url"], at + ".request.url"),
                headers: try headers(request["headers"], at + ".request.headers"),
                body: try body(request["postData"], at + ".request.postData")),
            response: CassetteResponse(
                status: try int(response["status"], at + ".response.status"),
                statusText: response["statusText"]?.stringValue ?? "",
                headers: try headers(response["headers"], at + ".response.headers"),
                body: try body(response["content"], at + ".response.content"),
                error: response["_error"]?.stringValue, isUnanswered: response["_unanswered"]?.boolValue ?? false),
            timings: CassetteTimings(
                send: milliseconds(timings?["send"]), wait: milliseconds(timings?["wait"]), receive: milliseconds(timings?["receive"])),
            comment: value["comment"]?.stringValue)
    }

    func headers(_ value: JSONValue?, _ at: String) throws -> [CassetteHeader] {
        guard let value else { return [] }
        guard let items = value.arrayValue else { throw invalid(at, "must be an array of {name, value}") }
        return try items.enumerated().map { index, item in
            CassetteHeader(try string(item["name"], "\(at)[\(index)].name"), try string(item["value"], "\(at)[\(index)].value"))
        }
    }

    func body(_ value: JSONValue?, _ at: String) throws -> CassetteBody {
        guard let value else { return .empty }
        if let json = value["_json"] { return .json(json, escapesNonASCII: value["_asciiEscaped"]?.boolValue ?? false) }
        if let list = value["_events"] {
            guard let items = list.arrayValue else { throw invalid(at + "._events", "must be an array") }
            return .events(try items.enumerated().map { index, item in try event(item, "\(at)._events[\(index)]") })
        }
        guard let text = value["text"]?.stringValue else { return .empty }
        if value["encoding"]?.stringValue == "base64" {
            guard let data = Data(base64Encoded: text) else { throw invalid(at + ".text", "is not valid base64") }
            return .binary(Array(data))
        }
        return .text(text)
    }

    func event(_ value: JSONValue, _ at: String) throws -> SSEEvent {
        let offset = try int(value["offset"], at + ".offset")
        if let raw = value["raw"]?.stringValue {
            return SSEEvent(offset: offset, event: nil, data: nil, text: nil, escapesNonASCII: false, raw: raw)
        }
        let data = value["data"]
        let text = value["text"]?.stringValue
        guard data != nil || text != nil else { throw invalid(at, "needs \"data\" (JSON), \"text\" or \"raw\"") }
        return SSEEvent(
            offset: offset, event: value["event"]?.stringValue, data: data, text: data == nil ? text : nil,
            escapesNonASCII: value["asciiEscaped"]?.boolValue ?? false, raw: nil)
    }

    // MARK: - Scalars

    func required(_ value: JSONValue?, _ at: String) throws -> JSONValue {
        guard let value else { throw invalid(at, "is missing") }
        return value
    }

    func string(_ value: JSONValue?, _ at: String) throws -> String {
        guard let text = try required(value, at).stringValue else { throw invalid(at, "must be a string") }
        return text
    }

    func int(_ value: JSONValue?, _ at: String) throws -> Int {
        guard let number = try required(value, at).doubleValue else { throw invalid(at, "must be a number") }
        return Int(number.rounded())
    }

    func date(_ value: JSONValue?, _ at: String) throws -> Date {
        guard let date = HARDate.parse(try string(value, at)) else {
            throw invalid(at, "must be an ISO 8601 date such as 2026-05-21T10:00:00.000Z")
        }
        return date
    }

    /// HAR writes -1 for "not applicable"; replay treats that as no time at all.
    func milliseconds(_ value: JSONValue?) -> Int { max(0, Int((value?.doubleValue ?? 0).rounded())) }

    func invalid(_ at: String, _ problem: String) -> TransportError {
        TransportError(
            .invalidCassette, at: SourceLocation(path: path), "\(at) \(problem)",
            help: "see docs/transport.md for the cassette format")
    }
}
