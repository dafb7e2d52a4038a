import Foundation

/// Decides what of an exchange may be written to disk, and scrubs secrets from what is.
///
/// Default deny for credentials: `x-api-key`, `authorization`, cookies, and any header whose name
/// contains `key`, `token`, `secret` or `auth` are never written, whatever their value. Then every
/// stored string has each secret's value replaced by ``placeholder``, and ``Cassette/save(to:forbidding:)``
/// refuses to write if a secret still appears in the bytes.
package struct Redactor: Sendable {
    /// What replaces a secret's value in stored text.
    package static let placeholder = "[REDACTED]"

    /// Values to scrub: the engine key and the run's token.
    package var secrets: [String]

    /// A redactor for these secret values (empty ones are ignored).
    package init(secrets: [String]) {
        self.secrets = secrets.filter { !$0.isEmpty }
    }

    /// Whether a header may never be stored, whatever its value.
    package static func isDenied(_ name: String) -> Bool {
        let name = name.lowercased()
        if ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"].contains(name) { return true }
        return ["key", "token", "secret", "auth", "password", "session"].contains { name.contains($0) }
    }

    /// Headers that belong to one hop of a connection, never forwarded (RFC 9110 section 7.6.1), and
    /// `content-length`, which the loopback server recomputes for the body it frames.
    static let hopByHopHeaders: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "content-length",
    ]

    /// Headers that describe one connection rather than the exchange; a replay recomputes them.
    static let transportHeaders: Set<String> = [
        "host", "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
        "content-length", "content-encoding", "accept-encoding", "expect", "date",
    ]

    /// The headers of a request or response as they may be stored: denied and per-connection ones
    /// dropped, secrets scrubbed, sorted by name (stable, so repeated values keep their order).
    package func storable(_ headers: [CassetteHeader]) -> [CassetteHeader] {
        headers
            .filter { !Self.isDenied($0.name) && !Self.transportHeaders.contains($0.name) }
            .map { CassetteHeader(scrub($0.name), scrub($0.value)) }
            .enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }.map(\.element)
    }

    /// `text` with every secret replaced by the placeholder.
    package func scrub(_ text: String) -> String {
        secrets.reduce(text) { text, secret in text.contains(secret) ? text.replacingAll(secret, with: Self.placeholder) : text }
    }

    /// An entry as it may be written: headers filtered, every string of URL and bodies scrubbed.
    package func redact(_ entry: CassetteEntry) -> CassetteEntry {
        var entry = entry
        entry.request.url = scrub(entry.request.url)
        entry.request.headers = storable(entry.request.headers)
        entry.request.body = redact(entry.request.body)
        entry.response.headers = storable(entry.response.headers)
        entry.response.body = redact(entry.response.body)
        entry.response.error = entry.response.error.map(scrub)
        return entry
    }

    private func redact(_ body: CassetteBody) -> CassetteBody {
        guard !secrets.isEmpty else { return body }
        // Bytes that are not text are scrubbed as bytes, so everything around the secret survives.
        if case .binary(let bytes) = body {
            return .binary(secrets.reduce(bytes) { $0.replacingAll(Array($1.utf8), with: Array(Self.placeholder.utf8)) })
        }
        return body.mapStrings(scrub)
    }
}

extension Array where Element == UInt8 {
    /// Replaces every non-overlapping occurrence of `target`, scanning left to right.
    func replacingAll(_ target: [UInt8], with replacement: [UInt8]) -> [UInt8] {
        guard !target.isEmpty, contains(subsequence: target) else { return self }
        var result: [UInt8] = []
        var index = 0
        while index < count {
            if index + target.count <= count, self[index..<index + target.count].elementsEqual(target) {
                result += replacement
                index += target.count
            } else {
                result.append(self[index])
                index += 1
            }
        }
        return result
    }
}

extension String {
    /// Replaces every non-overlapping occurrence of `target`, scanning left to right.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
