import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a listing's stored run (`runs/<stem>.transcript.json`, and `runs/<stem>.cassette.json`
/// when it was recorded) so that however a run ends or is interrupted, the pair on disk belongs
/// together: both old or both new.
///
/// The new files are written aside and synced; a small journal naming them (`runs/.<stem>.commit`)
/// is written atomically; then they are renamed into place and the journal removed. A process that
/// dies between the renames leaves the journal, and the next run rolls the commit forward before it
/// starts (``recover(_:)``). Leftover temporary files of dead processes are removed then too.
package enum RunFiles {
    /// The journal of an unfinished commit of `listing`'s run files.
    package static func journal(_ listing: RunnableListing) -> URL {
        listing.runsFolder.appendingPathComponent(".\(listing.stem).commit")
    }

    /// Whether a commit of `listing`'s files was interrupted and not yet rolled forward.
    package static func hasUnfinishedCommit(_ listing: RunnableListing) -> Bool {
        FileManager.default.fileExists(atPath: journal(listing).path)
    }

    /// Puts `transcript`, and the recording at `recording` when there is one, in place as a pair.
    package static func commit(transcript: [UInt8], recording: URL?, for listing: RunnableListing) throws(POSIXFailure) {
        let folder = listing.runsFolder
        let pending = AtomicFile.temporaryURL(for: listing.transcript)
        try AtomicFile.writeUnrenamed(transcript, to: pending, folder: folder)
        guard let recording else {
            // One file: a rename is atomic on its own.
            guard rename(pending.path, listing.transcript.path) == 0 else {
                let failure = POSIXFailure(call: "rename", path: listing.transcript.path)
                unlink(pending.path)
                throw failure
            }
            return
        }
        let moves = [
            (recording.lastPathComponent, listing.cassette.lastPathComponent),
            (pending.lastPathComponent, listing.transcript.lastPathComponent),
        ]
        let entries = moves.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n") + "\n"
        do {
            try AtomicFile.write(entries, to: journal(listing))
        } catch {
            unlink(pending.path)
            throw error
        }
        try rollForward(moves, in: folder)
        unlink(journal(listing).path)
    }

    /// Finishes a commit an interrupted process left (its journal), and removes temporary files
    /// that processes no longer running left in `listing`'s runs folder.
    package static func recover(_ listing: RunnableListing) {
        let folder = listing.runsFolder
        if let text = try? String(contentsOf: journal(listing), encoding: .utf8) {
            let moves = text.split(separator: "\n").compactMap { line -> (String, String)? in
                let parts = line.split(separator: "\t")
                return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
            }
            try? rollForward(moves, in: folder)
            unlink(journal(listing).path)
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix(".\(listing.stem).") && isLeftover(name) {
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    /// Renames each temporary file into place; a move whose file is already gone was done before.
    private static func rollForward(_ moves: [(String, String)], in folder: URL) throws(POSIXFailure) {
        for (from, to) in moves where FileManager.default.fileExists(atPath: folder.appendingPathComponent(from).path) {
            guard rename(folder.appendingPathComponent(from).path, folder.appendingPathComponent(to).path) == 0 else {
                throw POSIXFailure(call: "rename", path: folder.appendingPathComponent(to).path)
            }
        }
    }

    /// Temporary files whose writer is no longer running: ``AtomicFile``'s `.tmp` files, and the
    /// transport's `.<stem>.cassette.<pid>.partial` recordings.
    static func isLeftover(_ name: String) -> Bool {
        if name.hasSuffix(".tmp") { return AtomicFile.isLeftover(name) }
        guard name.hasSuffix(".partial") else { return false }
        let parts = name.split(separator: ".")
        guard parts.count >= 2, let pid = Int32(parts[parts.count - 2]) else { return false }
        return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
    }
}
