import AsyncHTTPClient
import Foundation
import NotesTransport

/// A plain HTTP client for in-process tests of a session: one request, the whole answer as bytes.
enum LoopbackClient {
    struct Answer {
        var status: Int
        var headers: [CassetteHeader]
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
        var json: JSONValue? { try? JSONValue(parsing: body) }
    }

    /// Sends a request to `base` + `path`; by default a JSON POST carrying `token` as `x-api-key`.
    static func send(_ base: URL, path: String = "/v1/messages", method: String = "POST", token: String?,
                     headers: [(String, String)] = [], body: JSONValue? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: base.absoluteString + path)
        request.method = .init(rawValue: method)
        if let token { request.headers.add(name: "x-api-key", value: token) }
        request.headers.add(name: "content-type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(body.serialized()) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers.map { CassetteHeader($0.name, $0.value) },
                      body: Array(bytes.readableBytesView))
    }
}
