import Foundation
import HTTPTypes
import HummingbirdCore
import NIOCore

extension ExchangeHandler {
    /// Forwards to the engine with the real key, streams the answer back as it arrives, and in
    /// record mode keeps the exchange (redacted) with its timings and event offsets.
    func forward(_ incoming: Incoming, writer: consuming ResponseWriter) async throws {
        guard let upstream, let engineKey else { throw DroppedConnection() }
        let url = engine.absoluteString.trimmingSuffix("/") + incoming.path
        let request = UpstreamRequest(
            method: incoming.method, url: url, headers: upstreamHeaders(incoming, key: engineKey), body: incoming.body)
        var capture = Capture(incoming: incoming, url: url, sent: ContinuousClock.now)
        let response: UpstreamResponse
        do {
            response = try await upstream.send(request, timeout: configuration.upstreamTimeout)
        } catch is CancellationError {
            // The run ended (the program was stopped, or timed out) while the engine had not answered.
            await finish(&capture, status: 0, error: "no answer from the engine before the run ended", unanswered: true)
            throw DroppedConnection()
        } catch {
            if await log.isStopping {
                // The run ended while the engine had not answered; a time limit may have cut the wait
                // just before the session's: either way, no answer came within the run.
                await finish(&capture, status: 0, error: "no answer from the engine before the run ended", unanswered: true)
                throw DroppedConnection()
            }
            // Mirror the failure: the client sees its connection drop, as it would have without us.
            await log.warn(
                "request \(incoming.number) (\(incoming.method) \(incoming.path)): the engine could not be reached: "
                    + "\(redactor.scrub(String(describing: error)))"
            )
            await finish(&capture, status: 0, error: "connection to the engine failed before a response")
            throw DroppedConnection()
        }
        capture.head = ContinuousClock.now
        capture.response = response
        let streamed = response.headers.value(of: "content-type")?.lowercased().hasPrefix("text/event-stream") ?? false
        // The program gets the body as the engine encoded it; the cassette keeps it decoded.
        let decoder = ContentDecoder(encoding: response.headers.value(of: "content-encoding"))
        let clientHeaders = response.headers.filter { !Redactor.hopByHopHeaders.contains($0.name.lowercased()) }
        var bodyWriter = try await writer.writeHead(
            HTTPResponse(status: .init(code: response.status, reasonPhrase: response.reason), headerFields: Self.fields(clientHeaders)))
        await log.responded(incoming.number, status: response.status, entryIndex: nil, at: now)
        var parser = SSEParser()
        var bytes: [UInt8] = []
        do {
            for try await chunk in response.body {
                let offset = Self.milliseconds(ContinuousClock.now - incoming.received)
                let kept = decoder.map { $0.decode(chunk) ?? [] } ?? chunk
                if streamed { parser.feed(kept, offset: offset) } else { bytes += kept }
                do {
                    try await bodyWriter.write(ByteBuffer(bytes: chunk))
                } catch {
                    response.cancel()  // the program went away: so do we, from the engine
                    capture.body = streamed ? .events(parser.events) : .capture(bytes)
                    await finish(&capture, status: response.status, error: CassetteResponse.clientLeft)
                    throw error
                }
            }
        } catch let error where !(error is CancellationError) && capture.finished == false {
            parser.finish(offset: Self.milliseconds(ContinuousClock.now - incoming.received))
            capture.body = streamed ? .events(parser.events) : .capture(bytes)
            await finish(&capture, status: response.status, error: "the engine closed the connection before the end of the body")
            throw DroppedConnection()
        }
        parser.finish(offset: Self.milliseconds(ContinuousClock.now - incoming.received))
        capture.body = streamed ? .events(parser.events) : .capture(bytes)
        try await bodyWriter.finish(nil)
        await finish(&capture, status: response.status, error: nil)
    }

    /// The client's headers minus its token and per-connection headers, plus the real key sent the
    /// same way the client sent the token. The content codings it accepts are narrowed to those a
    /// cassette can decode, so that what is recorded stays readable.
    private func upstreamHeaders(_ incoming: Incoming, key: EngineKey) -> [CassetteHeader] {
        var headers = incoming.headers.filter { header in
            let name = header.name.lowercased()
            return !Redactor.transportHeaders.contains(name) && !["x-api-key", "authorization", "expect"].contains(name)
                && !header.value.contains(token)
        }
        if let accepted = incoming.headers.value(of: "accept-encoding") {
            let codings = accepted.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { coding in
                let name = coding.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
                return ContentDecoder.supported.contains(name) || name == "identity"
            }
            headers.append(CassetteHeader("accept-encoding", codings.isEmpty ? "identity" : codings.joined(separator: ", ")))
        }
        switch incoming.scheme {
        case .apiKeyHeader: headers.append(CassetteHeader("x-api-key", key.value))
        case .bearer: headers.append(CassetteHeader("authorization", "Bearer \(key.value)"))
        }
        return headers
    }

    /// What is known of one forwarded exchange so far.
    struct Capture: Sendable {
        var incoming: Incoming
        var url: String
        var sent: ContinuousClock.Instant
        var head: ContinuousClock.Instant?
        var response: UpstreamResponse?
        var body: CassetteBody = .empty
        var finished = false
    }

    /// Notes the end of an exchange and, in record mode, keeps it as a redacted cassette entry.
    private func finish(_ capture: inout Capture, status: Int, error: String?, unanswered: Bool = false) async {
        guard !capture.finished else { return }
        capture.finished = true
        let end = ContinuousClock.now
        await log.ended(capture.incoming.number, status: status, at: end - start)
        guard mode == .record else { return }
        let head = capture.head ?? end
        let response = capture.response
        let entry = CassetteEntry(
            startedDateTime: capture.incoming.wallClock.truncatedToMilliseconds,
            request: CassetteRequest(
                method: capture.incoming.method, url: capture.url, headers: capture.incoming.headers,
                body: .capture(capture.incoming.body)),
            response: CassetteResponse(
                status: status, statusText: response?.reason ?? "", headers: response?.headers ?? [],
                body: capture.body, error: error, isUnanswered: unanswered),
            timings: CassetteTimings(
                send: Self.milliseconds(capture.sent - capture.incoming.received),
                wait: Self.milliseconds(head - capture.sent), receive: Self.milliseconds(end - head)))
        await log.record(capture.incoming.number, redactor.redact(entry))
    }
}

extension String {
    /// The string without one trailing `suffix`, if it has it.
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
