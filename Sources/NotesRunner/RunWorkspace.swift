import Foundation
import NotesRecords

/// The scratch folders of one run under `.notes/`: an empty HOME shared by runs, and a fresh
/// TMPDIR with the trace file, removed afterwards.
struct RunWorkspace: Sendable {
    let home: URL
    let temporary: URL
    var trace: URL { temporary.appendingPathComponent("notes-trace.jsonl") }

    init(scratch: URL, listing: RunnableListing) throws(RunError) {
        home = scratch.appendingPathComponent("home", isDirectory: true)
        temporary = scratch.appendingPathComponent("tmp", isDirectory: true)
            .appendingPathComponent("\(listing.noteSlug)-\(listing.stem)-\(UUID().uuidString.prefix(8))", isDirectory: true)
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
}
