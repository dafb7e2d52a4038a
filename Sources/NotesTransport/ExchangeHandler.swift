import Foundation
import HTTPTypes
import HummingbirdCore
import NIOCore
import NotesRecords

/// Answers one request on the loopback server: checks the run's token, then replays or forwards.
///
/// Works on HummingbirdCore's raw responder rather than a router, because replaying a dropped
/// connection means closing the socket without any response, which a router cannot express.
struct ExchangeHandler: Sendable {
    // Everything a request needs, copied from the session at start; the handler itself is a value.
    let mode: TransportMode
    let pace: TransportPace
    let token: String
    let log: SessionLog
    let cassette: Cassette?
    let upstream: (any HTTPUpstream)?
    let engine: URL
    let engineKey: EngineKey?
    let redactor: Redactor
    let start: ContinuousClock.Instant
    let configuration: TransportConfiguration

    /// Thrown to close the client's connection without (the rest of) a response.
    struct DroppedConnection: Error {}

    /// The time since the session started.
    var now: Duration { ContinuousClock.now - start }

    /// Answers one request; throwing closes the connection without (the rest of) an answer.
    func respond(to request: Request, writer: consuming ResponseWriter) async throws {
        var request = request
        let received = ContinuousClock.now
        let wallClock = Date()
        let method = request.head.method.rawValue
        let path = request.head.path ?? "/"
        let headers = request.head.headerFields.map { CassetteHeader($0.name.canonicalName, $0.value) }
        let number = await log.begin(method: method, path: path, received: received - start, userAgent: headers.value(of: "user-agent"))

        guard let scheme = credentialScheme(headers) else {
            await log.warn("request \(number) (\(method) \(path)) was refused with 401: it did not carry the run's token")
            await log.refuse(number)
            return try await send(.unauthorized(), number: number, writer: writer)
        }
        guard Self.isAPIPath(path) else {
            await log.warn(
                "request \(number) (\(method) \(path)) was refused with 404: only plain /v1/ API paths are answered or forwarded")
            await log.refuse(number)
            return try await send(.notFound(path), number: number, writer: writer)
        }
        // curl waits a second for "100 Continue" before sending a large body; answer at once.
        if headers.value(of: "expect")?.lowercased() == "100-continue" {
            try await writer.writeInformationalHead(HTTPResponse(status: .continue))
        }
        let body: [UInt8]
        do {
            body = Array(try await request.collectBody(upTo: configuration.maximumRequestBytes).readableBytesView)
        } catch {
            await log.refuse(number)
            return try await send(.tooLarge(configuration.maximumRequestBytes), number: number, writer: writer)
        }
        configuration.onRequest?(number, method, path)
        let exchange = Incoming(
            number: number, method: method, path: path, headers: headers, body: body,
            scheme: scheme, received: received, wallClock: wallClock)
        switch mode {
        case .replay: try await replay(exchange, writer: writer)
        case .record, .live: try await forward(exchange, writer: writer)
        }
    }

    /// A request whose head and body have been read.
    struct Incoming: Sendable {
        var number: Int
        var method: String
        var path: String
        var headers: [CassetteHeader]
        var body: [UInt8]
        var scheme: CredentialScheme
        var received: ContinuousClock.Instant
        var wallClock: Date
    }

    /// How the client sent its key; the upstream leg uses the same one with the real key.
    enum CredentialScheme: Sendable {
        case apiKeyHeader, bearer
    }

    /// Whether `target` (path and query) is a plain API path that may be answered or forwarded with
    /// the real key: under `/v1/`, segments of URL-safe characters only, none empty, `.` or `..`, and
    /// nothing percent-encoded in the path, so it means the same to every server that reads it
    /// (`/v1/../../x`, `/v1/%2e%2e/x` and `/v1//x` are refused).
    static func isAPIPath(_ target: String) -> Bool {
        let path = target.prefix { $0 != "?" }
        let query = target.dropFirst(path.count)
        guard path.hasPrefix("/v1/") else { return false }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        let allowed: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.~".contains($0)) }
        guard segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && $0.allSatisfy(allowed) }) else { return false }
        // The query goes along as sent; it only must not carry what would split or bend a URL.
        return !query.contains { $0.isWhitespace || $0 == "#" || $0 == "\\" || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }
    }

    /// The scheme if the request carries this run's token, else nil.
    func credentialScheme(_ headers: [CassetteHeader]) -> CredentialScheme? {
        if let key = headers.value(of: "x-api-key"), constantTimeEqual(key, token) { return .apiKeyHeader }
        if let authorization = headers.value(of: "authorization"), authorization.lowercased().hasPrefix("bearer "),
            constantTimeEqual(String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces), token)
        {
            return .bearer
        }
        return nil
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    // MARK: - Writing

    /// Sends an engine-shaped error and notes it.
    func send(_ error: EngineError, number: Int, writer: consuming ResponseWriter) async throws {
        let (headers, body) = error.response(number: number)
        await log.responded(number, status: error.status, entryIndex: nil, at: now)
        try await writeWhole(status: error.status, reason: error.reason, headers: headers, body: body, writer: writer)
        await log.ended(number, at: now)
    }

    /// Writes a complete response with a `content-length`.
    func writeWhole(status: Int, reason: String, headers: [CassetteHeader], body: [UInt8], writer: consuming ResponseWriter) async throws {
        var fields = Self.fields(headers)
        fields[.contentLength] = String(body.count)
        var bodyWriter = try await writer.writeHead(HTTPResponse(status: .init(code: status, reasonPhrase: reason), headerFields: fields))
        if !body.isEmpty { try await bodyWriter.write(ByteBuffer(bytes: body)) }
        try await bodyWriter.finish(nil)
    }

    /// HTTP fields from stored headers, skipping names HTTP would reject.
    static func fields(_ headers: [CassetteHeader]) -> HTTPFields {
        var fields = HTTPFields()
        for header in headers {
            guard let name = HTTPFields.Element.Name(header.name) else { continue }
            fields.append(HTTPFields.Element(name: name, value: header.value))
        }
        return fields
    }

    /// Whole milliseconds in a duration, for HAR timings and event offsets.
    static func milliseconds(_ duration: Duration) -> Int {
        duration.wholeMilliseconds
    }
}
