import Foundation
import Testing

@testable import NotesPreview

#if canImport(Glibc)
    import Glibc
#endif

/// What watching a large project costs: idle CPU, watches, and the delay from a save to the
/// change, printed rather than asserted (wall-clock time is not a test's business). Runs only with
/// `BENCH=1` and `WATCH_CORPUS` naming a project (`bench/watch` makes one with `bench/make_corpus.py`).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["BENCH"] == "1"), .serialized)
struct WatcherBenchmarkTests {
    static let corpus = URL(fileURLWithPath: ProcessInfo.processInfo.environment["WATCH_CORPUS"] ?? "/nonexistent")
    static let idle = Duration.seconds(Int(ProcessInfo.processInfo.environment["WATCH_IDLE_SECONDS"] ?? "") ?? 20)
    var folders: [URL] { ["content", "templates"].map { Self.corpus.appendingPathComponent($0, isDirectory: true) } }

    @Test(arguments: WatchSandbox.Method.all)
    func reportsIdleCostAndLatency(method: WatchSandbox.Method) async throws {
        let watcher: any SourceWatching
        let thread: String
        switch method {
        case .polling:
            watcher = PollingWatcher(folders: folders)
            thread = "notes-poll"
        case .inotify:
            #if os(Linux)
                let started = ContinuousClock.now
                let inotify = try InotifyWatcher(folders: folders)
                print("watch inotify: \(inotify.initialWatchCount) watches, set up in \(started.duration(to: .now))")
                watcher = inotify
            #else
                return
            #endif
            thread = "notes-inotify"
        }
        defer { watcher.stop() }
        let files = Self.count(under: folders)
        let before = (process: Self.processTicks(), thread: Self.threadTicks(named: thread))
        try await Task.sleep(for: Self.idle)
        let after = (process: Self.processTicks(), thread: Self.threadTicks(named: thread))
        let seconds = Double(Self.idle.components.seconds)
        let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
        print(
            String(
                format: "watch %@: %d files and folders; idle %.0f s: watcher thread %.2f%% of a core, whole test process %.2f%%",
                method.description, files, seconds, Double(after.thread - before.thread) / hertz / seconds * 100,
                Double(after.process - before.process) / hertz / seconds * 100))

        let note = folders[0].appendingPathComponent(try Self.firstNote()).appendingPathComponent("note.md")
        let original = try Data(contentsOf: note)
        defer { try? original.write(to: note) }
        for (label, save) in [("in place", Self.saveInPlace), ("write aside + rename", Self.saveAside)] {
            var samples: [Double] = []
            var afterSave: [Double] = []
            for round in 0..<20 {
                let started = ContinuousClock.now
                try save(note, original + Data("\n<!-- \(round) -->\n".utf8))
                let saved = ContinuousClock.now
                let changed = try await watcher.nextChange()
                samples.append(started.duration(to: .now) / .milliseconds(1))
                afterSave.append(saved.duration(to: .now) / .milliseconds(1))
                precondition(changed.contains(note.path), "\(changed)")
                // A pause of no fixed length, so saves fall anywhere between two of polling's comparisons.
                try await Task.sleep(for: .milliseconds(Int.random(in: 50...400)))
            }
            samples.sort()
            afterSave.sort()
            print(
                String(
                    format:
                        "watch %@: save (%@) to change: median %.2f ms of 20 (fastest %.2f, slowest %.2f); after the save returned %.2f",
                    method.description, label, samples[10], samples[0], samples[19], afterSave[10]))
        }
    }

    private static func saveInPlace(_ url: URL, _ data: Data) throws { try data.write(to: url) }
    private static func saveAside(_ url: URL, _ data: Data) throws {
        let aside = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try data.write(to: aside)
        guard rename(aside.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    private static func firstNote() throws -> String {
        try #require(FolderEntry.list(corpus.appendingPathComponent("content").path).filter(\.isFolder).map(\.name).min())
    }

    private static func count(under folders: [URL]) -> Int {
        SourceSnapshot(folders: folders.map(\.path)).stamps.count
    }

    /// utime + stime of this process, in clock ticks (/proc/self/stat fields 14 and 15).
    private static func processTicks() -> Int { ticks(in: "/proc/self/stat") }

    /// The same for the thread called `name`.
    private static func threadTicks(named name: String) -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.filter { task in
            (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8))?.hasPrefix(name) == true
        }.map { ticks(in: "/proc/self/task/\($0)/stat") }.reduce(0, +)
    }

    private static func ticks(in path: String) -> Int {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let end = text.lastIndex(of: ")") else { return 0 }
        let fields = text[text.index(after: end)...].split(separator: " ")
        // After the command's closing parenthesis: state is field 3, so utime (14) and stime (15) are at 11 and 12.
        return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }
}
