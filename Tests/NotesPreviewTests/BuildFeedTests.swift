import Foundation
import NotesPreview
import Testing

/// The feed that tells open pages about builds.
@Suite struct BuildFeedTests {
    @Test func aSubscriberHearsTheLatestBuildThenEachNewOneAndHeartbeats() async throws {
        let feed = BuildFeed()
        await feed.succeeded()
        var events = await feed.subscribe(heartbeat: .milliseconds(50)).makeAsyncIterator()
        // Heartbeats may come between builds at any time on a busy machine.
        func nextBuild() async -> BuildFeed.Event? {
            var event = await events.next()
            while event == .heartbeat { event = await events.next() }
            return event
        }
        #expect(await nextBuild() == .build(.init(generation: 1, error: nil)))
        await feed.failed("content/x/note.md:3:1: error: missing required field `title`")
        #expect(await nextBuild() == .build(.init(generation: 1, error: "content/x/note.md:3:1: error: missing required field `title`")))
        await feed.succeeded()
        #expect(await nextBuild() == .build(.init(generation: 2, error: nil)))
        // Nothing else to say: a heartbeat comes.
        #expect(await events.next() == .heartbeat)
    }

    @Test func aDroppedSubscriptionIsForgottenAndCloseEndsTheRest() async throws {
        let feed = BuildFeed()
        do {
            let stream = await feed.subscribe()
            _ = stream
            #expect(await feed.subscriberCount == 1)
        }
        // Dropping the stream terminates it; the feed forgets it shortly after.
        for _ in 0..<50 where await feed.subscriberCount > 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await feed.subscriberCount == 0)
        var kept = await feed.subscribe().makeAsyncIterator()
        #expect(await kept.next() == .build(.init(generation: 0, error: nil)))
        await feed.close()
        #expect(await kept.next() == nil)
    }

    @Test func theNotesOpenInBrowsersAreKnownFromTheirSubscriptions() async throws {
        let feed = BuildFeed()
        var streams: [AsyncStream<BuildFeed.Event>] = []
        for page in ["/notes/03-x/", "/blog/notes/04-y/index.html", "/", "/tags/agents/", "/notes/05-z/agent.py"] {
            streams.append(await feed.subscribe(page: page))
        }
        #expect(await feed.openNotes == ["03-x", "04-y"])
        await feed.close()
        _ = streams
    }
}
