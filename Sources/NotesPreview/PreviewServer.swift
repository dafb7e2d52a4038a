import Foundation
import HTTPTypes
import HummingbirdCore
import NIOCore
import NotesDiagnostics
import NotesLoopback
import NotesRecords

/// The preview's HTTP server: a built site's files as a static host serves them, with the live
/// reload script added to HTML pages and the build feed at `/_notes/events`.
package struct PreviewServer: Sendable {
    /// Where it listens, e.g. `http://127.0.0.1:1313/`.
    package let url: URL
    private let server: LoopbackServer
    private let feed: BuildFeed

    /// Starts listening on `host:port` (port 0 picks a free one) and serves `root`.
    package static func start(serving root: URL, feed: BuildFeed, host: String = "127.0.0.1", port: Int) async throws(Diagnostic)
        -> PreviewServer
    {
        let hosts = HostCheck(boundHost: host)
        do {
            let server = try await LoopbackServer.start(host: host, port: port) { request, writer in
                try await PreviewResponder(files: StaticFiles(root: root), feed: feed, hosts: hosts).respond(to: request, writer: writer)
            }
            let shownHost = host.contains(":") ? "[\(host)]" : host
            return PreviewServer(url: URL(string: "http://\(shownHost):\(server.port)/")!, server: server, feed: feed)
        } catch {
            throw Diagnostic(
                at: nil, "cannot listen on \(host):\(port)",
                help: port == 0
                    ? "check that the address is one of this machine's"
                    : "is another server using port \(port)? pass --port N, or --port 0 for a free one",
                reasons: error.reason.map { [$0] } ?? [])
        }
    }

    /// Whether `host` (a `--host` value) is a loopback address or name; any other exposes drafts to
    /// the network.
    package static func isLoopback(_ host: String) -> Bool { HostCheck.isLoopback(host) }

    /// Closes open event streams, stops listening and waits for the server to end.
    package func stop() async {
        await feed.close()
        await server.stop(grace: .seconds(2))
    }
}

/// Answers one request of the preview server.
struct PreviewResponder: Sendable {
    let files: StaticFiles
    let feed: BuildFeed
    let hosts: HostCheck

    func respond(to request: Request, writer: consuming ResponseWriter) async throws {
        let method = request.head.method
        let target = request.head.path ?? "/"
        guard hosts.allows(request.head.authority) else {
            // A page of another site reaching us through a name it controls (DNS rebinding) gets nothing.
            var fields = HTTPFields()
            fields[.contentType] = "text/plain; charset=utf-8"
            return try await write(
                status: .forbidden, fields: fields,
                body: Array("notes serve answers only requests addressed to this machine by a loopback name (127.0.0.1, localhost)\n".utf8),
                head: false, writer: writer)
        }
        guard method == .get || method == .head else {
            var fields = HTTPFields()
            fields[.allow] = "GET, HEAD"
            return try await write(
                status: .methodNotAllowed, fields: fields, body: Array("only GET and HEAD\n".utf8), head: false, writer: writer)
        }
        if target == LiveReload.eventsPath || target.hasPrefix(LiveReload.eventsPath + "?") {
            let query = target.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            let page = query.split(separator: "&").first { $0.hasPrefix("page=") }
                .flatMap { String($0.dropFirst("page=".count)).removingPercentEncoding }
            return try await events(page: page, writer: writer)
        }
        let isHead = method == .head
        let latest = await feed.latest
        if latest.generation == 0 {
            // No build of this session has succeeded: the folder may hold an earlier session's pages,
            // which would show what the notes no longer say. Show why instead, and reload once it builds.
            var fields = HTTPFields()
            fields[.contentType] = "text/html; charset=utf-8"
            return try await write(
                status: .serviceUnavailable, fields: fields, body: LiveReload.notBuiltYetPage(latest.error),
                head: isHead, writer: writer)
        }
        switch files.answer(target) {
        case .file(let url, let mediaType):
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return try await notFound(files.notFoundPage, head: isHead, writer: writer)
            }
            var body = [UInt8](data)
            if mediaType.hasPrefix("text/html") { body = LiveReload.inject(into: body) }
            var fields = HTTPFields()
            fields[.contentType] = mediaType
            try await write(status: .ok, fields: fields, body: body, head: isHead, writer: writer)
        case .redirect(let location):
            var fields = HTTPFields()
            fields[.location] = location
            try await write(status: .movedPermanently, fields: fields, body: [], head: isHead, writer: writer)
        case .notFound(let page):
            try await notFound(page, head: isHead, writer: writer)
        }
    }

    private func notFound(_ page: URL?, head: Bool, writer: consuming ResponseWriter) async throws {
        var fields = HTTPFields()
        if let page, let data = FileManager.default.contents(atPath: page.path) {
            fields[.contentType] = "text/html; charset=utf-8"
            try await write(status: .notFound, fields: fields, body: LiveReload.inject(into: [UInt8](data)), head: head, writer: writer)
        } else {
            fields[.contentType] = "text/plain; charset=utf-8"
            try await write(status: .notFound, fields: fields, body: Array("not found\n".utf8), head: head, writer: writer)
        }
    }

    /// The build feed as server-sent events, until the page goes away or the server stops.
    private func events(page: String?, writer: consuming ResponseWriter) async throws {
        var fields = HTTPFields()
        fields[.contentType] = "text/event-stream"
        fields[.cacheControl] = "no-store"
        var body = try await writer.writeHead(HTTPResponse(status: .ok, headerFields: fields))
        // Reconnect quickly after a restart of `notes serve`.
        try await body.write(ByteBuffer(string: "retry: 500\n\n"))
        for await event in await feed.subscribe(page: page) {
            switch event {
            case .build(let build): try await body.write(ByteBuffer(string: build.event))
            case .run(let event): try await body.write(ByteBuffer(string: event))
            case .heartbeat: try await body.write(ByteBuffer(string: ": heartbeat\n\n"))
            }
        }
        try await body.finish(nil)
    }

    private func write(status: HTTPResponse.Status, fields: HTTPFields, body: [UInt8], head: Bool, writer: consuming ResponseWriter)
        async throws
    {
        var fields = fields
        fields[.contentLength] = String(body.count)
        // A preview is always current: never let the browser reuse an old build.
        fields[.cacheControl] = "no-store"
        var bodyWriter = try await writer.writeHead(HTTPResponse(status: status, headerFields: fields))
        if !head, !body.isEmpty { try await bodyWriter.write(ByteBuffer(bytes: body)) }
        try await bodyWriter.finish(nil)
    }
}
