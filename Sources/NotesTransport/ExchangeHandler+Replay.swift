import HTTPTypes
import HummingbirdCore
import NIOCore

extension ExchangeHandler {
    /// Answers from the cassette: the matched entry's status, headers and body, at recorded pace
    /// or at once; a recorded drop is replayed as a drop.
    func replay(_ incoming: Incoming, writer: consuming ResponseWriter) async throws {
        let body = CassetteBody.capture(incoming.body)
        switch await log.match(number: incoming.number, method: incoming.method, path: incoming.path, headers: incoming.headers, body: body)
        {
        case .miss(let miss):
            try await send(.miss(miss), number: incoming.number, writer: writer)
        case .hit(let index):
            try await serve(cassette!.entries[index], index: index, incoming: incoming, writer: writer)
        }
    }

    private func serve(_ entry: CassetteEntry, index: Int, incoming: Incoming, writer: consuming ResponseWriter) async throws {
        let response = entry.response
        let base = incoming.received
        let paced = pace == .recorded
        if response.isUnanswered {
            // The engine never answered while the recording ran: neither does the replay. The
            // program waits as it did, until its own timeout (or the run's) ends it.
            await log.responded(incoming.number, status: 0, entryIndex: index, at: now)
            try await Task.sleep(for: .seconds(86_400))
            throw DroppedConnection()
        }
        if response.status == 0 {
            if paced { try await Task.sleep(until: base + .milliseconds(entry.timings.total)) }
            await log.responded(incoming.number, status: 0, entryIndex: index, at: now)
            await log.ended(incoming.number, at: now)
            throw DroppedConnection()
        }
        let headers = replayHeaders(response)
        guard let events = response.body.events else {
            if paced { try await Task.sleep(until: base + .milliseconds(entry.timings.total)) }
            await log.responded(incoming.number, status: response.status, entryIndex: index, at: now)
            try await writeWhole(
                status: response.status, reason: response.statusText, headers: headers, body: response.body.wireBytes, writer: writer)
            await log.ended(incoming.number, at: now)
            return
        }
        let firstByte = min(entry.timings.send + entry.timings.wait, events.first?.offset ?? entry.timings.total)
        if paced { try await Task.sleep(until: base + .milliseconds(firstByte)) }
        var bodyWriter = try await writer.writeHead(
            HTTPResponse(status: .init(code: response.status, reasonPhrase: response.statusText), headerFields: Self.fields(headers)))
        await log.responded(incoming.number, status: response.status, entryIndex: index, at: now)
        if paced {
            for event in events {
                try await Task.sleep(until: base + .milliseconds(event.offset))
                try await bodyWriter.write(ByteBuffer(bytes: event.wireBytes))
            }
        } else {
            try await bodyWriter.write(ByteBuffer(bytes: response.body.wireBytes))
        }
        if response.error != nil {
            // The recording broke off here; so does the replay.
            if paced { try await Task.sleep(until: base + .milliseconds(entry.timings.total)) }
            await log.ended(incoming.number, at: now)
            throw DroppedConnection()
        }
        try await bodyWriter.finish(nil)
        await log.ended(incoming.number, at: now)
    }

    /// Recorded headers, with a tiny `retry-after-ms` on retryable failures so that the SDK retries
    /// exactly as it did when recording, without sleeping for the recorded seconds.
    private func replayHeaders(_ response: CassetteResponse) -> [CassetteHeader] {
        var headers = response.headers.filter { !Redactor.transportHeaders.contains($0.name) }
        if [408, 409, 429].contains(response.status) || response.status >= 500 {
            headers.removeAll { $0.name == "retry-after-ms" }
            headers.append(CassetteHeader("retry-after-ms", String(configuration.replayRetryAfterMilliseconds)))
        }
        return headers
    }
}
