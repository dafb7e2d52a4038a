import NotesRecords

/// Finds the recorded exchange that answers a request: same method, path and canonical body.
///
/// Headers never decide a match (retry counters and timeouts change between runs). Identical
/// requests are answered first-in-first-out, so a recorded failure and its retry replay in order.
struct RequestMatcher: Sendable {
    /// The answer to one request.
    enum MatchResult: Sendable {
        case hit(Int)
        case miss(ReplayMiss)
    }

    private let entries: [CassetteEntry]
    private let keys: [String]
    /// Unanswered entry indices per matching key, oldest first.
    private var queues: [String: [Int]] = [:]
    private var answered = Set<Int>()

    /// A matcher over a cassette's entries, none answered yet.
    init(entries: [CassetteEntry]) {
        self.entries = entries
        keys = entries.map { Self.key($0.request.method, $0.request.path, $0.request.body) }
        for (index, key) in keys.enumerated() { queues[key, default: []].append(index) }
    }

    /// Recorded exchanges no request asked for, in cassette order.
    var unanswered: [Int] { entries.indices.filter { !answered.contains($0) } }

    /// The matching entry's index, consumed; or the miss explaining why there is none.
    mutating func match(number: Int, method: String, path: String, body: CassetteBody) -> MatchResult {
        let key = Self.key(method, path, body)
        if var queue = queues[key], !queue.isEmpty {
            let index = queue.removeFirst()
            queues[key] = queue
            answered.insert(index)
            return .hit(index)
        }
        return .miss(miss(number: number, method: method, path: path, body: body, key: key))
    }

    /// Warnings when the request's API version or betas differ from the recorded ones.
    func versionWarnings(number: Int, headers: [CassetteHeader], entry index: Int) -> [String] {
        let recorded = entries[index].request.headers
        // Hand-written entries often carry no headers at all; only compare real recordings.
        guard recorded.value(of: "anthropic-version") != nil else { return [] }
        return ["anthropic-version", "anthropic-beta"].compactMap { name in
            let old = recorded.value(of: name)
            let new = headers.value(of: name)
            guard old != new else { return nil }
            return
                "request \(number): \(name) is \(new.map { "\"\($0)\"" } ?? "absent") but the cassette recorded "
                + "\(old.map { "\"\($0)\"" } ?? "none") (entry \(index)); re-record if the API changed"
        }
    }

    // MARK: - Misses

    private func miss(number: Int, method: String, path: String, body: CassetteBody, key: String) -> ReplayMiss {
        var result = ReplayMiss(
            number: number, method: method, path: path, closestEntry: nil, differences: [],
            reason: "is not in the cassette, which is empty.")
        guard !entries.isEmpty else { return result }
        if let twin = keys.firstIndex(of: key) {
            let recorded = keys.filter { $0 == key }.count
            result.closestEntry = twin
            result.reason =
                "repeats entry \(twin), but the cassette answers this request only \(recorded) time\(recorded == 1 ? "" : "s") and this "
                + "run asked again."
            return result
        }
        let scored = entries.indices.map { index in (index, distance(to: entries[index].request, method: method, path: path, body: body)) }
        let best = scored.min { ($0.1.score, answered.contains($0.0) ? 1 : 0, $0.0) < ($1.1.score, answered.contains($1.0) ? 1 : 0, $1.0) }!
        result.closestEntry = best.0
        result.differences = best.1.differences
        result.reason = "is not in the cassette; the closest recorded request is entry \(best.0)."
        return result
    }

    private func distance(to recorded: CassetteRequest, method: String, path: String, body: CassetteBody) -> (
        score: Int, differences: [JSONDifference]
    ) {
        var differences: [JSONDifference] = []
        if recorded.method != method {
            differences.append(JSONDifference(path: "method", recorded: .string(recorded.method), actual: .string(method)))
        }
        if recorded.path != path {
            differences.append(JSONDifference(path: "path", recorded: .string(recorded.path), actual: .string(path)))
        }
        // Another endpoint is further away than any body difference on the same endpoint.
        let endpointPenalty = differences.count * 1_000_000
        if let old = recorded.body.parsedJSON, let new = body.parsedJSON {
            differences += JSONDiff.differences(recorded: old, actual: new)
        } else if recorded.body.matchingText != body.matchingText {
            differences.append(
                JSONDifference(path: "body", recorded: .string(recorded.body.matchingText), actual: .string(body.matchingText)))
        }
        return (endpointPenalty + differences.count, differences)
    }

    /// What identical requests share: method, path and canonical body.
    static func key(_ method: String, _ path: String, _ body: CassetteBody) -> String {
        "\(method.uppercased()) \(path)\n\(body.matchingText)"
    }
}

extension CassetteBody {
    /// The body as JSON: stored JSON, or text that parses as JSON (hand-written cassettes, and
    /// engines or proxies whose JSON has spaces and newlines, which is stored as text to keep its bytes).
    package var parsedJSON: JSONValue? {
        switch self {
        case .json(let value, _): value
        case .text(let text): try? JSONValue(parsing: text)
        default: nil
        }
    }
}
