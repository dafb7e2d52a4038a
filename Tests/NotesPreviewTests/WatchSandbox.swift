import Foundation
import NotesPreview

#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// A temporary project-like folder (`content/01-first/note.md` and `listing.py`, `templates/page.html`)
/// for watchers to watch, with real files and real file-system events.
struct WatchSandbox: Sendable {
    /// How a test watches.
    enum Method: String, Sendable, CustomStringConvertible {
        case inotify
        case polling
        var description: String { rawValue }

        /// inotify only where there is one.
        static var all: [Method] {
            #if os(Linux)
                [.inotify, .polling]
            #else
                [.polling]
            #endif
        }
    }

    let root: URL
    /// Whether ``write(_:_:)`` writes beside the file and renames it over (as editors do), rather
    /// than in place: polling, which may compare while an in-place write is half done and then
    /// rightly report the file twice, is tested with whole writes.
    let writesAside: Bool
    var content: URL { root.appendingPathComponent("content", isDirectory: true) }
    var templates: URL { root.appendingPathComponent("templates", isDirectory: true) }

    /// A sandbox for watching by `method`.
    init(for method: Method = .inotify) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("notes-watch-\(UUID().uuidString)", isDirectory: true)
        writesAside = method == .polling
        try write("content/01-first/note.md", "# First\n")
        try write("content/01-first/listing.py", "print('hello')\n")
        try write("templates/page.html", "<html></html>\n")
    }

    /// A watcher on `content/` and `templates/`; polling compares every 50 ms, to keep tests short.
    func watch(_ method: Method) throws -> any SourceWatching {
        switch method {
        case .polling:
            return PollingWatcher(folders: [content, templates], every: .milliseconds(50))
        case .inotify:
            #if os(Linux)
                return try InotifyWatcher(folders: [content, templates])
            #else
                fatalError("inotify is Linux's")
            #endif
        }
    }

    /// The absolute path of `relative` under the root, as watchers report it.
    func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// Writes `text` to `relative`, making folders: in place (open, truncate, write, close), or
    /// beside it under a hidden name and renamed over it (see ``writesAside``).
    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard writesAside else { return try Self.write(text, at: url.path) }
        let aside = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).writing")
        try Self.write(text, at: aside.path)
        try move(String(aside.path.dropFirst(root.path.count + 1)), to: relative)
    }

    /// Writes through a close-on-exec descriptor. `Data.write` opens without `O_CLOEXEC`: a process
    /// another test starts meanwhile inherits the descriptor, and its exit, the last close of a file
    /// open for writing, is an `IN_CLOSE_WRITE` a watcher started later rightly reports.
    static func write(_ text: String, at path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
    }

    /// The absolute paths of `relatives`.
    func paths(_ relatives: [String]) -> Set<String> {
        Set(relatives.map(path))
    }

    func move(_ from: String, to: String) throws {
        guard rename(path(from), path(to)) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(relative))
    }

    func removeAll() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// The next change `watcher` reports, or nil when none comes within `timeout`.
func change(of watcher: any SourceWatching, within timeout: Duration = .seconds(10)) async throws -> Set<String>? {
    try await withThrowingTaskGroup(of: Set<String>?.self) { group in
        group.addTask { try await watcher.nextChange() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        let first = try await group.next() ?? nil
        group.cancelAll()
        return first
    }
}

/// Changes reported until `paths` have all been seen (or nothing more comes within `timeout`), merged.
func changes(of watcher: any SourceWatching, until paths: Set<String>, within timeout: Duration = .seconds(10)) async throws -> Set<String>
{
    var seen = Set<String>()
    while !paths.isSubset(of: seen), let next = try await change(of: watcher, within: timeout) { seen.formUnion(next) }
    return seen
}
