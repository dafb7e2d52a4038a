/// Which `Host` a preview request may carry: a loopback name (`127.0.0.1`, `localhost`, `[::1]`)
/// or the exact address the server was bound to, with any port.
///
/// Without it a page on another site could read drafts through DNS rebinding: its own name,
/// re-pointed at 127.0.0.1, reaches the preview with `Host: evil.example`.
struct HostCheck: Sendable {
    /// The loopback names, lowercased.
    static let loopbackNames: Set<String> = ["127.0.0.1", "localhost", "::1", "[::1]"]

    /// The address given to `--host`, when it is an address (an IP literal) rather than a name.
    let boundAddress: String?

    init(boundHost: String) {
        let host = boundHost.lowercased()
        boundAddress = Self.isAddress(host) ? host : nil
    }

    /// Whether a request whose `Host` is `authority` (`127.0.0.1:1313`) may be answered.
    func allows(_ authority: String?) -> Bool {
        guard let authority, !authority.isEmpty else { return false }
        let host = Self.hostPart(of: authority.lowercased())
        if Self.loopbackNames.contains(host) || host.hasPrefix("127.") && Self.isAddress(host) { return true }
        return host == boundAddress || "[\(host)]" == boundAddress || host == boundAddress.map { "[\($0)]" }
    }

    /// Whether `host` is a loopback address or name, for warning about any other `--host`.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        return loopbackNames.contains(host) || host.hasPrefix("127.") && isAddress(host)
    }

    /// `127.0.0.1` of `127.0.0.1:1313`, `::1` of `[::1]:1313`.
    static func hostPart(of authority: String) -> String {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[authority.index(after: authority.startIndex)..<close])
        }
        return String(authority.prefix { $0 != ":" })
    }

    /// An IPv4 or IPv6 literal (digits, dots, colons, hex), not a name a DNS server could re-point.
    static func isAddress(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard !bare.isEmpty else { return false }
        if bare.contains(":") { return bare.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in Int(part).map { (0...255).contains($0) && !part.isEmpty } ?? false }
    }
}
