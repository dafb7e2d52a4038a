import Foundation
import NotesSite
import Testing

/// A note folder's stamp changes with any file in it, and taking it again from the last listing
/// (without listing the folders, while their own stamps hold) gives the stamp a fresh listing gives.
///
/// Times are set an hour back so that nothing is too fresh to trust (the racy window); each change
/// then moves what it touched to another past time, as a later save would.
@Suite struct FolderStampTests {
    @Test func theStampFromTheLastListingIsTheStampOfAFreshOne() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("note.md", "# A note\n")
        try folder.write("agent.py", "print('hi')\n")
        try folder.write("runs/agent.json", "{}\n")
        try folder.age(everything: 0)
        try folder.settle()
        var last = FolderStamp.of(folder.path)
        #expect(last.value != FolderStamp.unknown)
        #expect(last.listing?.holdsNote == true)
        #expect(FolderStamp.of(folder.path, reusing: last.listing) == last, "nothing changed")

        // Each change, whether it changes the stamp, and the files it wrote (aged with the folders after).
        let changes: [(String, Bool, [String], (NoteFolder) throws -> Void)] = [
            // An in-place save leaves the folders alone: the listing is reused, and the file's stamp tells.
            ("note.md saved in place, same size", true, ["note.md"], { try $0.write("note.md", "# B note\n", touchingFolder: false) }),
            ("a listing file added", true, ["tools.py"], { try $0.write("tools.py", "x = 1\n") }),
            ("a run file added in runs/", true, ["runs/tools.json"], { try $0.write("runs/tools.json", "{}\n") }),
            ("a file removed", true, [], { try $0.remove("tools.py") }),
            ("a file renamed", true, [], { try $0.rename("agent.py", to: "agent2.py") }),
            ("an editor's hidden swap file", false, [".note.md.swp"], { try $0.write(".note.md.swp", "swap") }),
            ("note.md saved by rename", true, ["note.md"], { try $0.replace("note.md", "# C note, longer\n") }),
            // Setting the folder's time back to what it was does not hide an added file.
            ("a file added, the folder's time put back", true, ["extra.py"], { try $0.write("extra.py", "y = 2\n") }),
            ("nothing", false, [], { _ in }),
        ]
        for (step, (name, changesStamp, written, change)) in changes.enumerated() {
            let folderTimes = try folder.folderTimes()
            try change(folder)
            for file in written { try folder.age(file, 10 * (step + 1)) }
            if name.contains("put back") {
                try folder.setFolderTimes(folderTimes)
            } else if name.contains("in place") || name == "nothing" {
                // The folders are left as they are: the listing is reused.
            } else {
                try folder.age("", 10 * (step + 1))
                try folder.age("runs", 10 * (step + 1))
            }
            try folder.settle()
            let reused = FolderStamp.of(folder.path, reusing: last.listing)
            let fresh = FolderStamp.of(folder.path)
            #expect(reused.value == fresh.value, "\(name)")
            #expect(reused.listing == fresh.listing, "\(name)")
            #expect((reused.value != last.value) == changesStamp, "\(name)")
            #expect(reused.listing != nil, "\(name)")
            last = reused
        }
    }

    @Test func aFolderChangedWithinTheRacyWindowHasNoStampYet() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("note.md", "# A note\n")
        try folder.age(everything: 0)
        let settled = FolderStamp.of(folder.path)
        try folder.write("agent.py", "print('hi')\n")  // just now
        let fresh = FolderStamp.of(folder.path, reusing: settled.listing)
        #expect(fresh.value == FolderStamp.unknown)
        #expect(fresh.listing == nil)
    }

    @Test func aFolderWithoutNoteMdIsNotANote() throws {
        let folder = try NoteFolder()
        defer { folder.remove() }
        try folder.write("image.png", "png")
        try folder.age(everything: 0)
        try folder.settle()
        #expect(FolderStamp.of(folder.path).listing?.holdsNote == false)
        #expect(FolderStamp.of(folder.path + "-missing").value == FolderStamp.unknown)
    }
}

/// A scratch note folder whose files' and folders' times can be set in the past.
private struct NoteFolder {
    let path: String
    private let hourAgo = Date().addingTimeInterval(-3600)

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("folder-stamp-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name`; `touchingFolder: false` writes into the existing file in place, so
    /// that no folder's time changes.
    func write(_ name: String, _ text: String, touchingFolder: Bool = true) throws {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if touchingFolder || !FileManager.default.fileExists(atPath: file) {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        } else {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
            try handle.write(contentsOf: Data(text.utf8))
            try handle.truncate(atOffset: UInt64(text.utf8.count))
            try handle.close()
        }
    }

    /// Saves as editors do: a new file beside, renamed over the old one.
    func replace(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/." + name + ".new"))
        try FileManager.default.removeItem(atPath: path + "/" + name)
        try FileManager.default.moveItem(atPath: path + "/." + name + ".new", toPath: path + "/" + name)
    }

    func remove(_ name: String) throws { try FileManager.default.removeItem(atPath: path + "/" + name) }

    func rename(_ name: String, to newName: String) throws {
        try FileManager.default.moveItem(atPath: path + "/" + name, toPath: path + "/" + newName)
    }

    /// Waits out the racy window for the folders' status-change times, which setting a time moves to
    /// now (no call sets them back): until then the stamp keeps no listing.
    func settle() throws { Thread.sleep(forTimeInterval: 0.15) }

    /// The modification times of the folder and its `runs/`.
    func folderTimes() throws -> [String: Date] {
        var times: [String: Date] = [:]
        for name in ["", "runs"] {
            times[name] =
                try FileManager.default.attributesOfItem(atPath: name.isEmpty ? path : path + "/" + name)[.modificationDate] as? Date
        }
        return times
    }

    func setFolderTimes(_ times: [String: Date]) throws {
        for (name, date) in times {
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: name.isEmpty ? path : path + "/" + name)
        }
    }

    /// Sets every file and folder to an hour ago plus `seconds`.
    func age(everything seconds: Int) throws {
        for name in try FileManager.default.subpathsOfDirectory(atPath: path) + [""] { try age(name, seconds) }
    }

    /// Sets `name` (the folder itself for "") to an hour ago plus `seconds`.
    func age(_ name: String, _ seconds: Int) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: hourAgo.addingTimeInterval(TimeInterval(seconds))], ofItemAtPath: name.isEmpty ? path : path + "/" + name)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
