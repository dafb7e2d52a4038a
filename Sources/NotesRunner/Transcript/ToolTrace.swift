import Foundation
import NotesRecords
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

    /// What a trace file holds: the observed calls, and the `tools=` functions the hook never found
    /// at the listing's module level (its `{"kind": "missing", ...}` lines), each in file order.
    struct File: Sendable {
        var calls: [ToolTrace] = []
        var missingFunctions: [String] = []
    }

    /// Reads a trace file once; `origin` is `CLOCK_MONOTONIC` seconds at the process start.
    /// Malformed lines are skipped.
    static func read(_ url: URL, origin: Double) -> File {
        var file = File()
        guard let data = FileManager.default.contents(atPath: url.path) else { return file }
        let toMS = { (seconds: Double) in Int(((seconds - origin) * 1000).rounded()) }
        for line in data.split(separator: 0x0A) {
            guard let json = try? JSONValue(parsing: Array(line)) else { continue }
            if json["kind"]?.stringValue == "missing" {
                if let name = json["function"]?.stringValue { file.missingFunctions.append(name) }
                continue
            }
            guard let start = json["start"]?.doubleValue, let end = json["end"]?.doubleValue, end >= start else { continue }
            var arguments = json["args"]?.arrayValue ?? []
            arguments += json["kwargs"]?.members?.map(\.value) ?? []
            file.calls.append(
                ToolTrace(
                    toolUseID: json["tool_use_id"]?.stringValue, function: json["function"]?.stringValue,
                    arguments: arguments, startMS: toMS(start), endMS: toMS(end)))
        }
        return file
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
