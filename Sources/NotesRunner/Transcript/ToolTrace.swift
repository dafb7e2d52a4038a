import Foundation
import NotesTransport

/// One observed tool call: from the start-up hook (a call of a tool function) or from a line the
/// listing appended to `NOTES_TRACE` itself.
///
/// The trace file holds JSON lines. A listing in any language may write
/// `{"tool_use_id": "toolu_...", "start": 12.5, "end": 12.9}` with times in seconds of
/// `CLOCK_MONOTONIC` (Python's `time.monotonic()`; `NOTES_CLOCK_ORIGIN` holds the value at launch).
/// The hook writes `{"kind": "call", "function": "run_tool", "args": [...], "start": ..., "end": ...}`.
struct ToolTrace: Hashable, Sendable {
    /// Set when the listing named the tool call itself.
    var toolUseID: String?
    /// The observed function, for hook lines.
    var function: String?
    /// The call's positional and keyword argument values, for pairing with a tool_use by name and input.
    var arguments: [JSONValue]
    /// Milliseconds from the process start.
    var startMS: Int
    var endMS: Int

    /// `hook` or `trace`, as transcripts record it.
    var source: String { toolUseID == nil ? "hook" : "trace" }

    /// Reads a trace file; `origin` is `CLOCK_MONOTONIC` seconds at the process start. Malformed lines are skipped.
    static func read(_ url: URL, origin: Double) -> [ToolTrace] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        return data.split(separator: 0x0A).compactMap { line in
            guard let json = try? JSONValue(parsing: Array(line)),
                let start = json["start"]?.doubleValue, let end = json["end"]?.doubleValue, end >= start
            else { return nil }
            let toMS = { (seconds: Double) in Int(((seconds - origin) * 1000).rounded()) }
            var arguments = json["args"]?.arrayValue ?? []
            arguments += json["kwargs"]?.members?.map(\.value) ?? []
            return ToolTrace(
                toolUseID: json["tool_use_id"]?.stringValue, function: json["function"]?.stringValue,
                arguments: arguments, startMS: toMS(start), endMS: toMS(end))
        }
    }

    /// The `tools=` functions the hook never found at the listing's module level, in trace order.
    static func missingFunctions(in url: URL) -> [String] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        return data.split(separator: 0x0A).compactMap { line in
            guard let json = try? JSONValue(parsing: Array(line)), json["kind"]?.stringValue == "missing" else { return nil }
            return json["function"]?.stringValue
        }
    }

    /// Whether this call ran the tool_use `name` with `input`: one argument is the name and another
    /// equals the input (key order ignored), or the only argument equals the input.
    func matches(name: String, input: JSONValue) -> Bool {
        let canonicalInput = input.canonicalText
        let hasInput = arguments.contains { $0.canonicalText == canonicalInput }
        let hasName = arguments.contains { $0.stringValue == name }
        return hasInput && (hasName || arguments.count == 1) || (hasName && arguments.count == 1 && canonicalInput == "{}")
    }
}
