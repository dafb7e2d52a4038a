import Foundation

/// Notices changes under a project's `content/` and `templates/` by comparing snapshots of every
/// file's size and modification time: no platform file-event API, so it behaves the same on Linux
/// and macOS, and a few hundred files take well under a millisecond to scan.
struct SourceWatcher: Sendable {
    /// A file's size and modification time, by path.
    typealias Snapshot = [String: FileStamp]

    struct FileStamp: Hashable, Sendable {
        var size: Int
        var modified: Date
    }

    /// The folders watched, recursively.
    let folders: [URL]

    /// Every file under the folders now. Hidden files and folders (editor swap files, temporary
    /// files written before a rename) are left out, so a half-written file never triggers a build.
    func snapshot() -> Snapshot {
        var files: Snapshot = [:]
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey]
        for folder in folders {
            guard
                let enumerator = FileManager.default.enumerator(
                    at: folder, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
            else { continue }
            while let url = enumerator.nextObject() as? URL {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                if url.lastPathComponent.hasSuffix("~") { continue }
                files[url.path] = FileStamp(size: values.fileSize ?? 0, modified: values.contentModificationDate ?? .distantPast)
            }
        }
        return files
    }

    /// Waits until the files differ from `previous`, then until they stop changing for `settle`
    /// (an editor's save, or `notes run` writing a transcript and then its cassette), and returns
    /// the new snapshot. Ends by throwing when the task is cancelled.
    func nextChange(
        after previous: Snapshot, every interval: Duration = .milliseconds(200),
        settle: Duration = .milliseconds(120)
    ) async throws -> Snapshot {
        var current = previous
        while current == previous {
            try await Task.sleep(for: interval)
            current = snapshot()
        }
        while true {
            try await Task.sleep(for: settle)
            let next = snapshot()
            if next == current { return next }
            current = next
        }
    }
}
