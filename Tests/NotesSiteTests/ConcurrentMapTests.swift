import Synchronization
import Testing

@testable import NotesSite

/// `concurrentMap` hands elements out in shrinking batches: every element must still be
/// transformed once, land in its place, and no more than `limit` transforms run at once.
@Suite struct ConcurrentMapTests {
    @Test(arguments: [0, 1, 2, 7, 8, 9, 1000], [1, 2, 3, 8])
    func everyElementIsTransformedOnceInOrder(count: Int, limit: Int) async {
        let calls = Mutex([Int: Int]())
        let running = Mutex((now: 0, most: 0))
        let values = Array(0..<count)
        let doubled = await values.concurrentMap(limit: limit) { value in
            running.withLock {
                $0.now += 1
                $0.most = max($0.most, $0.now)
            }
            calls.withLock { $0[value, default: 0] += 1 }
            await Task.yield()
            running.withLock { $0.now -= 1 }
            return value * 2
        }
        #expect(doubled == values.map { $0 * 2 })
        #expect(calls.withLock { $0 } == Dictionary(uniqueKeysWithValues: values.map { ($0, 1) }))
        #expect(running.withLock { $0.most } <= limit)
    }

    @Test func aLimitBelowOneStillMapsEverything() async {
        #expect(await [1, 2, 3].concurrentMap(limit: 0) { $0 + 1 } == [2, 3, 4])
    }
}
