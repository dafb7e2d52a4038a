import Foundation
import NotesDiagnostics
import Yams

/// A YAML mapping read for typed fields, with errors that point at the offending line.
///
/// Used for note front matter and for `content/site.yml`.
package struct YAMLMapping {
    /// Where the mapping's text starts in its file (line 1 of the YAML is this file line).
    let origin: SourceLocation
    /// Where a missing field is reported: the start of the block holding the YAML.
    let start: SourceLocation
    private let pairs: [(key: String, value: Node, location: SourceLocation)]

    /// Parses `yaml`, whose first line is line `origin.line` of `origin.path`; `start` is where
    /// missing fields are reported (the opening `---` of front matter), `origin` when nil.
    package init(yaml: String, origin: SourceLocation, start: SourceLocation? = nil) throws(MarkdownError) {
        self.origin = origin
        self.start = start ?? origin
        let node: Node?
        do {
            // The basic resolver and an explicit encoding skip the regular expressions and the
            // environment lookup Yams otherwise does per document; fields are typed below instead.
            node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw Self.describe(error, origin: origin, yaml: yaml)
        } catch {
            throw MarkdownError(.invalidYAML, at: origin, "invalid YAML", help: "check the lines between the `---` lines")
        }
        guard let node else {
            self.pairs = []
            return
        }
        guard let mapping = node.mapping else {
            throw MarkdownError(
                .invalidYAML, at: Self.location(of: node, origin: origin), "expected `key: value` lines",
                help: "write one field per line, e.g. `title: My note`")
        }
        self.pairs = mapping.map { key, value in
            (key.string ?? "", value, Self.location(of: key, origin: origin))
        }
    }

    /// The keys present, in file order.
    package var keys: [(key: String, location: SourceLocation)] { pairs.map { ($0.key, $0.location) } }

    /// Whether `key` is present.
    package func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    /// Where `key` is written, or the start of the mapping when it is absent.
    package func location(of key: String) -> SourceLocation {
        pairs.first { $0.key == key }?.location ?? origin
    }

    /// Where `key`'s value starts (its opening quote, when quoted), or nil when `key` is absent.
    package func valueLocation(of key: String) -> SourceLocation? {
        value(key)?.1
    }

    private func value(_ key: String) -> (Node, SourceLocation)? {
        pairs.first { $0.key == key }.map { ($0.value, Self.location(of: $0.value, origin: origin)) }
    }

    // MARK: - Typed fields

    /// A required or optional string; numbers and dates are read as their text.
    package func string(_ key: String, required: Bool = false, help: String? = nil) throws(MarkdownError) -> String? {
        guard let (node, location) = value(key) else {
            if required { throw missing(key, help: help) }
            return nil
        }
        guard let scalar = node.scalar else {
            throw MarkdownError(
                .invalidField, at: location, "`\(key)` must be text", help: help ?? "write it on one line, e.g. `\(key): Some text`")
        }
        if required, scalar.string.trimmingWhitespace().isEmpty { throw missing(key, help: help) }
        return scalar.string
    }

    /// An optional whole number.
    package func int(_ key: String) throws(MarkdownError) -> Int? {
        guard let (node, location) = value(key) else { return nil }
        guard let text = node.scalar?.string, let int = Int(text.replacingOccurrences(of: "_", with: "")) else {
            throw MarkdownError(
                .invalidField, at: location, "`\(key)` must be a whole number, not \(Self.show(node))",
                help: "write digits only, e.g. `\(key): 3`")
        }
        return int
    }

    /// An optional `true`/`false`.
    package func bool(_ key: String) throws(MarkdownError) -> Bool? {
        guard let (node, location) = value(key) else { return nil }
        guard let bool = node.scalar.flatMap({ Self.bool($0.string) }) else {
            throw MarkdownError(
                .invalidField, at: location, "`\(key)` must be true or false, not \(Self.show(node))",
                help: "write `\(key): true` or `\(key): false`")
        }
        return bool
    }

    /// An optional list of strings; a single string counts as a list of one.
    package func strings(_ key: String) throws(MarkdownError) -> [String]? {
        try locatedStrings(key)?.map(\.text)
    }

    /// An optional list of strings, each with where it is written; a single string counts as a list of one.
    package func locatedStrings(_ key: String) throws(MarkdownError) -> [(text: String, location: SourceLocation)]? {
        guard let (node, location) = value(key) else { return nil }
        if let scalar = node.scalar { return scalar.string.isEmpty ? [] : [(scalar.string, location)] }
        guard let sequence = node.sequence else {
            throw MarkdownError(
                .invalidField, at: location, "`\(key)` must be a list", help: "write it in brackets, e.g. `\(key): [agents, tool-use]`")
        }
        var result: [(text: String, location: SourceLocation)] = []
        for item in sequence {
            guard let text = item.scalar?.string else {
                throw MarkdownError(
                    .invalidField, at: Self.location(of: item, origin: origin), "each entry of `\(key)` must be text",
                    help: "write plain words, e.g. `\(key): [agents, tool-use]`")
            }
            result.append((text, Self.location(of: item, origin: origin)))
        }
        return result
    }

    /// An optional flat mapping of text values.
    package func stringMap(_ key: String) throws(MarkdownError) -> [String: String]? {
        guard let (node, location) = value(key) else { return nil }
        guard let mapping = node.mapping else {
            throw MarkdownError(
                .invalidField, at: location, "`\(key)` must be a mapping of `name: value` lines",
                help: "indent its fields under it, e.g. `\(key):` then `  series: basics`")
        }
        var result: [String: String] = [:]
        for (name, value) in mapping {
            result[name.string ?? ""] = value.scalar?.string ?? ""
        }
        return result
    }

    /// Fails on the first key not in `known`, suggesting the nearest known one.
    package func rejectUnknownKeys(_ known: [String], extraKey: String?) throws(MarkdownError) {
        for (key, location) in keys where !known.contains(key) {
            let nearest = known.min { editDistance(key, $0) < editDistance(key, $1) }
            var help = nearest.map { "did you mean `\($0)`?" } ?? ""
            if let nearest, editDistance(key, nearest) > 2 { help = "" }
            if let extraKey {
                help += (help.isEmpty ? "" : " ") + "Custom fields go under `\(extraKey):`."
            }
            throw MarkdownError(
                .unknownField, at: location, "unknown field `\(key.escapedForDiagnostic())`", help: help.isEmpty ? nil : help)
        }
    }

    /// YAML 1.2's core booleans.
    private static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    package func missing(_ key: String, help: String? = nil) -> MarkdownError {
        MarkdownError(.missingField, at: start, "missing required field `\(key)`", help: help ?? "add a line `\(key): ...`")
    }

    // MARK: - Locations

    /// Maps a Yams mark (1-based within the YAML) to the file.
    static func location(of node: Node, origin: SourceLocation) -> SourceLocation {
        guard let mark = node.mark else { return origin }
        return SourceLocation(path: origin.path, line: origin.line + mark.line - 1, column: mark.column)
    }

    private static func show(_ node: Node) -> String {
        if let text = node.scalar?.string { return text.quotedForDiagnostic() }
        return node.sequence != nil ? "a list" : "a mapping"
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    package func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

/// Levenshtein distance, for "did you mean" suggestions on short keys.
package func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
