import NotesRecords

/// One place where two JSON values differ, named by a JSON path such as `$.messages[1].content`.
package struct JSONDifference: Sendable, Hashable, CustomStringConvertible {
    /// Where, as a JSON path from the root `$`.
    package var path: String
    /// The value in the cassette; nil when the key or element is absent there.
    package var recorded: JSONValue?
    /// The value in this run's request; nil when absent.
    package var actual: JSONValue?

    /// `$.path: recorded X, now Y`, with long strings cut around the first difference.
    package var description: String {
        let (old, new) = JSONDifference.excerpts(recorded, actual)
        return "\(path): recorded \(old), now \(new)"
    }

    private static func excerpts(_ old: JSONValue?, _ new: JSONValue?) -> (String, String) {
        guard case .string(let a)? = old, case .string(let b)? = new else { return (show(old), show(new)) }
        // Show both strings from a little before their first difference, so long prompts stay readable.
        let common = zip(a, b).prefix { $0 == $1 }.count
        let start = max(0, common - 20)
        return (clip(a, from: start), clip(b, from: start))
    }

    private static func clip(_ text: String, from start: Int) -> String {
        let tail = text.dropFirst(start)
        let body = tail.count > 70 ? String(tail.prefix(70)) + "…" : String(tail)
        return JSONValue.string((start > 0 ? "…" : "") + body).text()
    }

    private static func show(_ value: JSONValue?) -> String {
        guard let value else { return "(absent)" }
        let text = value.text()
        return text.count > 80 ? String(text.prefix(80)) + "…" : text
    }
}

/// Compares two JSON values structurally: objects by key (order ignored), arrays by position.
package enum JSONDiff {
    /// Every differing leaf, depth first, in sorted-key order.
    package static func differences(recorded: JSONValue, actual: JSONValue) -> [JSONDifference] {
        var found: [JSONDifference] = []
        walk(recorded, actual, path: "$", into: &found)
        return found
    }

    private static func walk(_ old: JSONValue?, _ new: JSONValue?, path: String, into found: inout [JSONDifference]) {
        switch (old, new) {
        case (.object(let a)?, .object(let b)?):
            let left = Dictionary(JSONValue.lastWins(a).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
            let right = Dictionary(JSONValue.lastWins(b).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
            for key in Set(left.keys).union(right.keys).sorted() {
                walk(left[key], right[key], path: path + component(key), into: &found)
            }
        case (.array(let a)?, .array(let b)?):
            for index in 0..<max(a.count, b.count) {
                walk(index < a.count ? a[index] : nil, index < b.count ? b[index] : nil, path: "\(path)[\(index)]", into: &found)
            }
        default:
            if old?.canonical != new?.canonical { found.append(JSONDifference(path: path, recorded: old, actual: new)) }
        }
    }

    /// `.key` for identifier-like keys, `["odd key"]` otherwise.
    private static func component(_ key: String) -> String {
        let simple =
            !key.isEmpty && key.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
            && !("0"..."9").contains(key.unicodeScalars.first!)
        return simple ? "." + key : "[" + JSONValue.string(key).text() + "]"
    }
}
