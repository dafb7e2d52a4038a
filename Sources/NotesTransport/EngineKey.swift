import Foundation

/// The real key for the engine: used only on the upstream leg, never shown, logged or stored.
///
/// Its description is redacted, so interpolating it into a message or a log line cannot leak it.
package struct EngineKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself; only the upstream client and the redactor read it.
    package let value: String

    /// Wraps a key.
    package init(_ value: String) {
        self.value = value
    }

    package var description: String { "EngineKey(redacted, \(value.count) characters)" }
    package var debugDescription: String { description }
    package var customMirror: Mirror { Mirror(self, children: []) }

    /// The key from `ANTHROPIC_API_KEY` in `environment`, else from a `.env` file in `folder`.
    ///
    /// Only record and live mode call this: a replay never needs, reads or holds the key.
    package static func find(environment: [String: String], dotEnvFolder folder: URL?) -> EngineKey? {
        if let value = environment["ANTHROPIC_API_KEY"], !value.isEmpty { return EngineKey(value) }
        guard let folder, let data = FileManager.default.contents(atPath: folder.appendingPathComponent(".env").path) else { return nil }
        return dotEnvValue(named: "ANTHROPIC_API_KEY", in: String(decoding: data, as: UTF8.self)).map(EngineKey.init)
    }

    /// Reads `NAME=value` from `.env` text the way python-dotenv does for simple files:
    /// `export` prefixes, single or double quotes, and `#` comments after unquoted values.
    static func dotEnvValue(named name: String, in text: String) -> String? {
        var found: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            guard line[..<equals].trimmingCharacters(in: .whitespaces) == name else { continue }
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if let quote = value.first, quote == "\"" || quote == "'", let close = value.dropFirst().firstIndex(of: quote) {
                value = String(value[value.index(after: value.startIndex)..<close])
            } else if let hash = value.range(of: " #") {
                value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            if !value.isEmpty { found = value }
        }
        return found
    }

    /// The certificate authorities to trust for the engine when `SSL_CERT_FILE` names a bundle (as
    /// OpenSSL, curl and Python honour it); nil trusts the system's.
    package static func certificateAuthorities(in environment: [String: String]) -> URL? {
        guard let path = environment["SSL_CERT_FILE"], !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path)
    }
}
