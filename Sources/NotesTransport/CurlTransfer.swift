import CCurl
import Foundation
import HTTPTypes
import NotesRecords
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One exchange with the engine through libcurl, on a thread of its own.
///
/// libcurl was chosen over URLSession (which wraps it on Linux) because the engine leg must be a
/// faithful pass-through, and URLSession on Linux decodes gzip unconditionally, cannot be told to
/// trust a test CA, drops reason phrases, merges repeated headers and changes header names' case.
/// Here the request goes out as the program sent it (its token swapped for the key), the answer's
/// head is delivered as soon as it arrives and its body chunk by chunk, untouched.
///
/// The easy and multi handles are touched only by the transfer's thread; other threads only raise
/// the cancel flag and call `curl_multi_wakeup`, which libcurl allows from any thread.
final class CurlTransfer: @unchecked Sendable {
    /// Why the exchange failed, in libcurl's words ("Failed to connect to 127.0.0.1 port 9: ...").
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let request: UpstreamRequest
    private let options: CurlUpstream.Options
    private let curl: CurlLibrary
    private let cancelled = Atomic<Bool>(false)
    /// The multi handle's address while the transfer runs (0 otherwise), for waking its poll from
    /// another thread; kept as a number because a raw pointer cannot cross threads in Swift 6.
    private let running = Mutex<UInt>(0)
    private let stream: AsyncThrowingStream<[UInt8], any Error>
    private let body: AsyncThrowingStream<[UInt8], any Error>.Continuation

    // Confined to the transfer's thread once it starts.
    private var head: CheckedContinuation<UpstreamResponse, any Error>?
    private var status = 0
    private var reason = ""
    private var headers: [CassetteHeader] = []
    /// When the engine last sent anything (or the transfer started).
    private var lastActivity = ContinuousClock.now
    /// libcurl writes its message for a failure here; allocated once, so its address stays put.
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    init(_ request: UpstreamRequest, options: CurlUpstream.Options, library: CurlLibrary) {
        self.request = request
        self.options = options
        self.curl = library
        (stream, body) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        errorBuffer.deallocate()
    }

    /// Sends the request; returns once the response head has arrived, with the body to follow.
    func start() async throws -> UpstreamResponse {
        body.onTermination = { [self] reason in
            // The reader went away (the program closed its connection): stop talking to the engine.
            if case .cancelled = reason { cancel() }
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                head = continuation
                Thread.detachNewThread { self.perform() }
            }
        } onCancel: {
            cancel()
        }
    }

    /// Stops the exchange as soon as possible, from any thread.
    func cancel() {
        cancelled.store(true, ordering: .releasing)
        running.withLock { address in
            if let multi = UnsafeMutableRawPointer(bitPattern: address) { _ = curl.multiWakeup(multi) }
        }
    }

    // MARK: - The transfer's thread

    private func perform() {
        guard let easy = curl.easyInit(), let multi = curl.multiInit() else {
            return finish(CURLE_FAILED_INIT)
        }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer {
            _ = curl.multiRemoveHandle(multi, easy)
            curl.easyCleanup(easy)
            _ = curl.multiCleanup(multi)
            curl.slistFreeAll(headerList)
        }
        headerList = configure(easy)
        guard let headerList else { return finish(CURLE_FAILED_INIT) }
        curl.set(easy, CURLOPT_HTTPHEADER, UnsafeRawPointer(headerList))
        let address = UInt(bitPattern: multi)
        running.withLock { $0 = address }
        defer { running.withLock { $0 = 0 } }
        _ = curl.multiAddHandle(multi, easy)
        var result = CURLE_OK
        var active: Int32 = 1
        lastActivity = .now
        // An idle limit rather than a total one: a streamed answer may rightly take minutes, but
        // no byte for the whole limit means the engine is not answering. (libcurl's own low-speed
        // check averages over seconds and fires several seconds late.)
        let pollMilliseconds = Int32(max(10, min(1000, options.idleTimeout / .milliseconds(1) / 4)))
        while true {
            if cancelled.load(ordering: .acquiring) {
                result = CURLE_ABORTED_BY_CALLBACK
                break
            }
            if ContinuousClock.now - lastActivity > options.idleTimeout {
                result = CURLE_OPERATION_TIMEDOUT
                break
            }
            guard curl.multiPerform(multi, &active) == CURLM_OK else {
                result = CURLE_FAILED_INIT
                break
            }
            if active == 0 {
                var left: Int32 = 0
                while let message = curl.multiInfoRead(multi, &left) {
                    if message.pointee.msg == CURLMSG_DONE { result = message.pointee.data.result }
                }
                break
            }
            _ = curl.multiPoll(multi, nil, 0, pollMilliseconds, nil)
        }
        finish(result)
    }

    /// Sets every option; returns the request's header list, which must outlive the transfer.
    private func configure(_ easy: UnsafeMutableRawPointer) -> UnsafeMutablePointer<curl_slist>? {
        let context = Unmanaged.passUnretained(self).toOpaque()
        curl.set(easy, CURLOPT_URL, string: request.url)
        curl.set(easy, CURLOPT_NOSIGNAL, 1)
        curl.set(easy, CURLOPT_PROTOCOLS_STR, string: "http,https")
        // Redirects are part of the exchange: the program sees them, as it would without us.
        curl.set(easy, CURLOPT_FOLLOWLOCATION, 0)
        // Bodies pass through as the engine encoded them; only chunked framing is undone.
        curl.set(easy, CURLOPT_HTTP_CONTENT_DECODING, 0)
        curl.set(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        curl.set(easy, CURLOPT_NOPROXY, string: options.noProxy)
        if let authorities = options.certificateAuthorities {
            curl.set(easy, CURLOPT_CAINFO, string: authorities.path)
        }
        let idle = Int(options.idleTimeout / .milliseconds(1))
        curl.set(easy, CURLOPT_CONNECTTIMEOUT_MS, max(1, min(idle, 30_000)))
        curl.set(easy, CURLOPT_ERRORBUFFER, UnsafeRawPointer(errorBuffer))
        curl.set(easy, socketCallback: openSocket)
        curl.set(easy, CURLOPT_HEADERFUNCTION, callback: receiveHeader)
        curl.set(easy, CURLOPT_HEADERDATA, UnsafeRawPointer(context))
        curl.set(easy, CURLOPT_WRITEFUNCTION, callback: receiveBody)
        curl.set(easy, CURLOPT_WRITEDATA, UnsafeRawPointer(context))

        switch request.method {
        case "GET" where request.body.isEmpty: curl.set(easy, CURLOPT_HTTPGET, 1)
        case "HEAD": curl.set(easy, CURLOPT_NOBODY, 1)
        default:
            curl.set(easy, CURLOPT_CUSTOMREQUEST, string: request.method)
            curl.set(easy, CURLOPT_POSTFIELDSIZE_LARGE, offset: request.body.count)
            request.body.withUnsafeBytes { bytes in
                // Copied by libcurl, so the buffer need not outlive this call.
                curl.set(easy, CURLOPT_COPYPOSTFIELDS, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1))
            }
        }
        var list: UnsafeMutablePointer<curl_slist>?
        for header in request.headers {
            list = curl.slistAppend(list, "\(header.name): \(header.value)")
        }
        // An empty value removes a header libcurl would add by itself.
        let sent = Set(request.headers.map { $0.name.lowercased() })
        for added in ["accept", "content-type", "expect"] where !sent.contains(added) || added == "expect" {
            list = curl.slistAppend(list, "\(added):")
        }
        return list
    }

    fileprivate func headerLine(_ line: String) {
        lastActivity = .now
        guard head != nil else { return }  // trailers, after the head went out
        let text = line.trimmingCharacters(in: CharacterSet(charactersIn: "\r\n"))
        if text.hasPrefix("HTTP/") {
            let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            reason = parts.count > 2 ? String(parts[2]) : ""
            headers = []
        } else if text.isEmpty {
            // The end of a head; a 1xx head is followed by the real one.
            if !(100..<200).contains(status) { deliverHead() }
        } else if text.first == " " || text.first == "\t", let last = headers.popLast() {
            headers.append(CassetteHeader(last.name, last.value + " " + text.trimmingCharacters(in: .whitespaces)))
        } else if let colon = text.firstIndex(of: ":") {
            let name = String(text[..<colon])
            let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append(CassetteHeader(name, value))
        }
    }

    fileprivate func bodyChunk(_ bytes: UnsafeRawBufferPointer) -> Bool {
        lastActivity = .now
        if cancelled.load(ordering: .acquiring) { return false }
        if head != nil { deliverHead() }
        body.yield(Array(bytes))
        return true
    }

    private func deliverHead() {
        guard let continuation = head else { return }
        head = nil
        continuation.resume(
            returning: UpstreamResponse(
                status: status, reason: reason.isEmpty ? Self.standardReason(status) : reason, headers: headers, body: stream,
                cancel: { [self] in cancel() }))
    }

    /// The reason phrase HTTP/2 no longer sends, so cassettes read the same over either version.
    private static func standardReason(_ status: Int) -> String {
        HTTPResponse.Status(code: status).reasonPhrase
    }

    private func finish(_ result: CURLcode) {
        if result == CURLE_OK {
            deliverHead()
            body.finish()
            return
        }
        let failure: any Error
        if cancelled.load(ordering: .acquiring) {
            failure = CancellationError()
        } else if result == CURLE_OPERATION_TIMEDOUT {
            failure = Failure(description: "timed out: the engine sent nothing for \(String(format: "%g", options.idleTimeout.seconds)) s")
        } else {
            let words = errorBuffer[0] != 0 ? String(cString: errorBuffer) : curl.easyStrerror(result).map { String(cString: $0) }
            failure = Failure(description: words ?? "libcurl error \(result.rawValue)")
        }
        if let continuation = head {
            head = nil
            continuation.resume(throwing: failure)
        }
        body.finish(throwing: failure)
    }
}

// MARK: - Callbacks

private func transfer(_ context: UnsafeMutableRawPointer?) -> CurlTransfer {
    Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
}

private let receiveHeader: notes_curl_data_callback = { data, size, count, context in
    let length = size * count
    guard let data else { return length }
    transfer(context).headerLine(String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self))
    return length
}

private let receiveBody: notes_curl_data_callback = { data, size, count, context in
    let length = size * count
    guard let data else { return length }
    // Returning less than given aborts the transfer.
    return transfer(context).bodyChunk(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

/// Opens libcurl's sockets close-on-exec, so that a listing started meanwhile never holds them.
private let openSocket: notes_curl_socket_callback = { _, _, address in
    guard let address else { return CURL_SOCKET_BAD }
    #if os(Linux)
        return socket(address.pointee.family, address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.protocol)
    #else
        let descriptor = socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
        if descriptor >= 0 { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return descriptor
    #endif
}
