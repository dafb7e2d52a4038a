import Foundation

/// One header as stored: lowercase name, exact value.
package struct CassetteHeader: Sendable, Hashable {
    /// Lowercase name.
    package var name: String
    /// Exact value, after redaction.
    package var value: String

    /// Creates a header; the name is lowercased, as HTTP/2 and the cassette write them.
    package init(_ name: String, _ value: String) {
        self.name = name.lowercased()
        self.value = value
    }
}

extension Array where Element == CassetteHeader {
    /// The first value of `name` (case-insensitive), if present.
    package func value(of name: String) -> String? {
        let name = name.lowercased()
        return first { $0.name == name }?.value
    }
}

/// The request half of an exchange.
package struct CassetteRequest: Sendable, Hashable {
    /// `GET`, `POST`, ...
    package var method: String
    /// The engine URL the request went to (`https://api.anthropic.com/v1/messages`), or just a path.
    package var url: String
    /// Headers as sent, after redaction.
    package var headers: [CassetteHeader]
    /// The body as sent.
    package var body: CassetteBody

    /// Creates a request.
    package init(method: String, url: String, headers: [CassetteHeader] = [], body: CassetteBody = .empty) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// Path and query (`/v1/messages?beta=true`): what matching compares, whatever the engine's host.
    package var path: String {
        if url.hasPrefix("/") { return url }
        guard let components = URLComponents(string: url) else { return url }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return components.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
    }
}

/// The response half of an exchange.
package struct CassetteResponse: Sendable, Hashable {
    /// The status; 0 when the connection closed before any response head (as HAR writes aborts).
    package var status: Int
    /// The reason phrase (`OK`); may be empty.
    package var statusText: String
    /// Headers as received, after redaction and without per-connection ones.
    package var headers: [CassetteHeader]
    /// The body as received.
    package var body: CassetteBody
    /// Set when the connection ended abnormally: before the head (status 0) or in the middle of the body.
    package var error: String?
    /// The engine had not answered (status 0) when the run ended: a replay does not answer either,
    /// so the program waits as it did, until its own timeout.
    package var isUnanswered: Bool

    /// The `error` of an exchange the program itself ended by closing its connection.
    package static let clientLeft = "the client closed the connection before the end"

    /// Whether the engine failed to give a whole answer: no response, or a body cut off by the engine
    /// (not by the program going away).
    package var isIncomplete: Bool {
        status == 0 || (error != nil && error != Self.clientLeft)
    }

    /// Creates a response.
    package init(
        status: Int, statusText: String = "", headers: [CassetteHeader] = [], body: CassetteBody = .empty, error: String? = nil,
        isUnanswered: Bool = false
    ) {
        self.status = status
        self.statusText = statusText
        self.headers = headers
        self.body = body
        self.error = error
        self.isUnanswered = isUnanswered
    }
}

/// HAR timings in whole milliseconds: sending the request, waiting for the first byte, receiving the rest.
package struct CassetteTimings: Sendable, Hashable {
    /// Reading the request from the program.
    package var send: Int
    /// Waiting for the first byte of the answer.
    package var wait: Int
    /// Receiving the rest of the answer.
    package var receive: Int

    /// Creates timings.
    package init(send: Int = 0, wait: Int = 0, receive: Int = 0) {
        self.send = send
        self.wait = wait
        self.receive = receive
    }

    /// The whole exchange: HAR's `time`.
    package var total: Int { send + wait + receive }
}

/// One recorded exchange: when it started, what was asked, what came back and how long each part took.
package struct CassetteEntry: Sendable, Hashable {
    /// Wall-clock time the request arrived.
    package var startedDateTime: Date
    /// What the program asked.
    package var request: CassetteRequest
    /// What came back.
    package var response: CassetteResponse
    /// How long each part took.
    package var timings: CassetteTimings
    /// A free note, e.g. where a reconstructed exchange came from.
    package var comment: String?

    /// Creates an entry.
    package init(
        startedDateTime: Date, request: CassetteRequest, response: CassetteResponse, timings: CassetteTimings = .init(),
        comment: String? = nil
    ) {
        self.startedDateTime = startedDateTime
        self.request = request
        self.response = response
        self.timings = timings
        self.comment = comment
    }

    /// Milliseconds from the request's arrival to the first event, or to the end when not streamed.
    package var firstEventOffset: Int {
        response.body.events?.first?.offset ?? timings.total
    }
}
