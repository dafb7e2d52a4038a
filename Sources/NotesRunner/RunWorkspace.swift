import Foundation
import NotesRecords

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The scratch folders of one run under `.notes/`: an empty HOME shared by runs, and a fresh
/// TMPDIR with the trace file, removed afterwards.
///
/// A TMPDIR is named `<note>-<stem>-<pid>-<random>`; those of processes no longer running (a
/// `notes run` killed with SIGKILL cannot clean up) are removed when the next run starts.
struct RunWorkspace: Sendable {
    let home: URL
    let temporary: URL
    var trace: URL { temporary.appendingPathComponent("notes-trace.jsonl") }

    init(scratch: URL, listing: RunnableListing) throws(RunError) {
        home = scratch.appendingPathComponent("home", isDirectory: true)
        let folder = scratch.appendingPathComponent("tmp", isDirectory: true)
        temporary = folder.appendingPathComponent(
            "\(listing.noteSlug)-\(listing.stem)-\(getpid())-\(UUID().uuidString.prefix(8))", isDirectory: true)
        Self.removeLeftovers(in: folder)
        do {
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            throw RunError(at: nil, "cannot create the run's scratch folders in \(scratch.path)", reasons: ["\(error)"])
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: temporary)
    }

    /// Removes the TMPDIRs of runs whose process has ended.
    static func removeLeftovers(in folder: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let parts = name.split(separator: "-")
            guard parts.count >= 3, let pid = pid_t(parts[parts.count - 2]), pid > 0 else { continue }
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}
