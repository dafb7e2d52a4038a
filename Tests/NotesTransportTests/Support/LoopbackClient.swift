import Foundation
import NotesRecords
import NotesTransport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain HTTP/1.1 client for in-process tests of a session: one request on its own connection,
/// the whole answer as bytes. Written on sockets, so the transport is tested against nothing of its
/// own (and no HTTP library's habits: what goes out is exactly what is written here).
enum LoopbackClient {
    struct Answer {
        var status: Int
        var headers: [CassetteHeader]
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
        var json: JSONValue? { try? JSONValue(parsing: body) }
    }

    /// The server closed the connection without (the rest of) an answer.
    struct Dropped: Error {}

    /// Sends a request to `base` + `path`; by default a JSON POST carrying `token` as `x-api-key`.
    static func send(
        _ base: URL, path: String = "/v1/messages", method: String = "POST", token: String?,
        headers: [(String, String)] = [], body: JSONValue? = nil
    ) async throws -> Answer {
        let bytes = body?.serialized() ?? []
        var head = "\(method) \(path) HTTP/1.1\r\nhost: \(base.host ?? "127.0.0.1"):\(base.port ?? 80)\r\nconnection: close\r\n"
        if let token { head += "x-api-key: \(token)\r\n" }
        head += "content-type: application/json\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "content-length: \(bytes.count)\r\n\r\n"
        let port = UInt16(base.port ?? 80)
        let request = Array(head.utf8) + bytes
        // Blocking socket calls get a thread of their own, never one of the cooperative pool.
        let raw: [UInt8] = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try exchange(port: port, request: request) }) }
        }
        return try parse(raw, closed: true)
    }

    /// Sends a JSON POST, waits for the first bytes of the answer, and closes the connection: a
    /// program that went away in the middle of a stream.
    static func hangUpAfterFirstBytes(_ base: URL, token: String, body: JSONValue) async throws {
        let bytes = body.serialized()
        let head =
            "POST /v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\nx-api-key: \(token)\r\ncontent-type: application/json\r\n"
            + "content-length: \(bytes.count)\r\n\r\n"
        let port = UInt16(base.port ?? 80)
        let request = Array(head.utf8) + bytes
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread {
                continuation.resume(with: Result { _ = try exchange(port: port, request: request, stopAfterFirstBytes: true) })
            }
        }
    }

    /// Connects, writes `request`, and reads until the response is complete or the server closes
    /// (at most 30 s without a byte), or only until the first bytes arrive.
    private static func exchange(port: UInt16, request: [UInt8], stopAfterFirstBytes: Bool = false) throws -> [UInt8] {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Dropped() }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Dropped() }
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { sendWithoutSignal(descriptor, $0) }
            guard count > 0 else { throw Dropped() }
            sent += count
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw Dropped() }
            if count == 0 { break }
            response += buffer[0..<count]
            if stopAfterFirstBytes || (try? parse(response, closed: false)) != nil { break }
        }
        return response
    }

    /// Splits a complete HTTP/1.1 response into status, headers and body (de-chunked); throws while
    /// it is incomplete.
    private static func parse(_ raw: [UInt8], closed: Bool) throws -> Answer {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = raw.indices.first(where: { raw[$0...].starts(with: separator) }) else { throw Dropped() }
        let lines = String(decoding: raw[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Dropped() }
        let headers = lines.dropFirst().compactMap { line -> CassetteHeader? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return CassetteHeader(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = Array(raw[(end + 4)...])
        if headers.value(of: "transfer-encoding")?.lowercased() == "chunked" {
            body = try dechunk(body)
        } else if let length = headers.value(of: "content-length").flatMap(Int.init) {
            guard body.count >= length else { throw Dropped() }
            body = Array(body.prefix(length))
        } else if !closed {
            throw Dropped()  // without framing, only the server's close ends the body
        }
        return Answer(status: status, headers: headers, body: body)
    }

    /// The body of a chunked transfer; throws when it ends before its last chunk (a dropped stream).
    private static func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var body: [UInt8] = []
        var index = 0
        while true {
            guard let lineEnd = bytes[index...].indices.first(where: { bytes[$0...].starts(with: [13, 10]) }) else { throw Dropped() }
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { throw Dropped() }
            index = lineEnd + 2
            if size == 0 { return body }
            guard index + size <= bytes.count else { throw Dropped() }
            body += bytes[index..<(index + size)]
            index += size + 2
        }
    }
}

/// `send(2)` without SIGPIPE when the server has already closed (outside the enum, whose own `send`
/// would shadow the system call).
private func sendWithoutSignal(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
    #if os(Linux)
        send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
    #else
        send(descriptor, bytes.baseAddress, bytes.count, 0)
    #endif
}
