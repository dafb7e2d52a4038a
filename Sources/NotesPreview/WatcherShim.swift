// TEMPORARY: the polling watcher behind the new interface, until the inotify watcher lands.
import Foundation

package protocol SourceWatching: Sendable {
    func nextChange() async throws -> Set<String>
    func stop()
}

extension SourceWatcher {
    static func start(folders: [URL]) -> any SourceWatching { ShimWatcher(watcher: SourceWatcher(folders: folders)) }
}

final class ShimWatcher: SourceWatching, @unchecked Sendable {
    let watcher: SourceWatcher
    var snapshot: SourceWatcher.Snapshot
    init(watcher: SourceWatcher) {
        self.watcher = watcher
        snapshot = watcher.snapshot()
    }
    func nextChange() async throws -> Set<String> {
        let next = try await watcher.nextChange(after: snapshot)
        var changed: Set<String> = []
        for (path, stamp) in next where snapshot[path] != stamp { changed.insert(path) }
        for path in snapshot.keys where next[path] == nil { changed.insert(path) }
        snapshot = next
        return changed
    }
    func stop() {}
}
