import Foundation

/// The real upstream: libcurl, one transfer per exchange (see ``CurlTransfer``).
///
/// Redirects are not followed (a redirect is part of the recorded exchange); bodies arrive as the
/// engine encoded them; the idle limit is the session's upstream timeout; proxies follow libcurl's
/// `https_proxy`/`no_proxy` conventions, except that loopback addresses never go through one.
package struct CurlUpstream: HTTPUpstream {
    /// How transfers are made.
    package struct Options: Sendable {
        /// A PEM bundle of the certificate authorities to trust instead of the system's.
        package var certificateAuthorities: URL?
        /// Longest wait for the next byte (and, capped at 30 s, for the connection).
        package var idleTimeout: Duration
        /// Hosts reached without a proxy: the environment's `no_proxy`, plus loopback.
        package var noProxy: String

        package init(
            certificateAuthorities: URL? = nil, idleTimeout: Duration = .seconds(600),
            environment: [String: String] = ProcessInfo.processInfo.environment
        ) {
            self.certificateAuthorities = certificateAuthorities
            self.idleTimeout = idleTimeout
            let inherited = environment["no_proxy"] ?? environment["NO_PROXY"] ?? ""
            self.noProxy = ([inherited] + ["localhost", "127.0.0.1", "::1"]).filter { !$0.isEmpty }.joined(separator: ",")
        }
    }

    package var certificateAuthorities: URL?

    /// An upstream trusting the system's certificate authorities, or those in `certificateAuthorities`.
    package init(certificateAuthorities: URL? = nil) {
        self.certificateAuthorities = certificateAuthorities
    }

    package func send(_ request: UpstreamRequest, timeout: Duration) async throws -> UpstreamResponse {
        let library = try CurlLibrary.shared.get()
        let options = Options(certificateAuthorities: certificateAuthorities, idleTimeout: timeout)
        return try await CurlTransfer(request, options: options, library: library).start()
    }

    /// Nothing to release: each transfer owns its handles and ends with its body.
    package func shutdown() async {}
}
