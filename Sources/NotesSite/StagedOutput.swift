import CPlatform
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The site being built, written into a spare folder beside the output and swapped in whole.
///
/// A failed or interrupted build never touches the published folder: only the spare changes.
/// The spare is the site from two builds ago, kept on purpose (double buffering): its folders
/// already exist and its unchanged files are left alone, so a rebuild creates almost no inodes,
/// which on ext4 costs more than rendering. Files may be written from many tasks at once.
package final class StagedOutput: Sendable {
    /// The folder that holds the site after ``commit()``.
    package let destination: URL
    /// Where files go until then: `.<name>.spare` beside ``destination``.
    package let staging: URL
    private let lock: Int32
    /// Whether the spare folder is exactly as the last successful build left it: no build wrote
    /// into it since (a build that failed or was killed leaves ``dirtyMarker`` behind).
    package let spareIsIntact: Bool
    private let dirtyMarker: String
    private let folders = Mutex<Set<String>>([""])
    private let written = Mutex<Set<String>>([])
    private let stamps = Mutex<[String: FileStamp]>([:])

    /// Prepares the spare folder beside `destination`, first repairing a swap that a killed build
    /// left half done. Builds of the same site wait for each other.
    package init(destination: URL) throws(BuildError) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        staging = parent.appendingPathComponent(".\(name).spare", isDirectory: true)
        try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        lock = open(parent.appendingPathComponent(".\(name).lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if lock >= 0 { flock(lock, LOCK_EX) }
        Self.recover(destination: self.destination, spare: staging)
        if mkdir(staging.path, 0o755) != 0, errno != EEXIST {
            throw BuildError(at: nil, "cannot create the staging folder \(staging.path)", reasons: [String(cString: strerror(errno))])
        }
        dirtyMarker = parent.appendingPathComponent(".\(name).spare-in-use").path
        var status = stat()
        spareIsIntact = lstat(dirtyMarker, &status) != 0
        let marker = open(dirtyMarker, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        if marker >= 0 { close(marker) }
    }

    deinit {
        if lock >= 0 { close(lock) }  // also releases the flock
    }

    /// Writes `bytes` to `path` (relative to the site root), creating folders as needed; a file that
    /// already holds these bytes is left as it is.
    ///
    /// - Parameter comparing: false writes without reading what is there first, for a file that is
    ///   almost surely different (a page filled again after its template changed).
    package func write(_ bytes: some Collection<UInt8>, to path: String, comparing: Bool = true) throws(BuildError) {
        written.withLock { _ = $0.insert(path) }
        try makeFolder(containing: path)
        let target = staging.path + "/" + path
        let bytes = Array(bytes)
        if comparing, FileContents.matches(bytes, at: target) {
            if let stamp = FileStamp.of(target) { stamps.withLock { $0[path] = stamp } }
            return
        }
        // Written over the old bytes, then cut to length, rather than opened with O_TRUNC: a file
        // truncated to nothing is written to disk by ext4 when it is closed (its safeguard for files
        // replaced that way), a disk write per page. The spare is swapped in only once complete.
        let fd = open(target, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create", path) }
        defer { close(fd) }
        guard FileContents.write(bytes, to: fd), ftruncate(fd, off_t(bytes.count)) == 0 else { throw failure("cannot write", path) }
        if let stamp = FileStamp.of(descriptor: fd) { stamps.withLock { $0[path] = stamp } }
    }

    /// Keeps the spare's file at `path` as it is, when it is still the file an earlier build wrote
    /// (`expected`): nothing is read or written. False when it is not (then write it).
    package func keep(_ path: String, expected: FileStamp) -> Bool {
        // An intact spare holds what the state says; otherwise each file is checked.
        guard spareIsIntact || FileStamp.of(staging.path + "/" + path) == expected else { return false }
        markFolders(containing: path)
        written.withLock { _ = $0.insert(path) }
        stamps.withLock { $0[path] = expected }
        return true
    }

    /// Copies the published file at `path` into the spare, when it is still the file an earlier build
    /// wrote (`expected`). False when it is not, or cannot be copied (then render it again).
    package func copyPublished(_ path: String, expected: FileStamp) -> Bool {
        let source = destination.path + "/" + path
        guard FileStamp.of(source) == expected, let bytes = FileContents.read(source) else { return false }
        return (try? write(bytes, to: path)) != nil
    }

    /// Places the file an earlier build wrote at `path` for `version`: the spare's kept as it is, else
    /// the published one copied. False when neither is that file any more (then write it).
    package func reuse(_ path: String, version: UInt64, previous: BuildState) -> Bool {
        if let spare = previous.spare[path], spare.version == version, keep(path, expected: spare.stamp) { return true }
        guard let published = previous.published[path], published.version == version else { return false }
        return copyPublished(path, expected: published.stamp)
    }

    /// The stamp of every file this build wrote or kept, by path in the site.
    package var writtenStamps: [String: FileStamp] { stamps.withLock { $0 } }

    /// Writes `text` as UTF-8.
    package func write(_ text: String, to path: String, comparing: Bool = true) throws(BuildError) {
        try write(text.utf8, to: path, comparing: comparing)
    }

    /// Copies the file at `source` to `path` in the site.
    package func copy(_ source: URL, to path: String) throws(BuildError) {
        guard let bytes = FileContents.read(source.path) else { throw BuildError(at: nil, "cannot read \(source.path)") }
        try write(bytes, to: path)
    }

    /// Removes what this build did not write, then swaps the spare in for ``destination``.
    ///
    /// On Linux one `renameat2(RENAME_EXCHANGE)` swaps the two folders atomically: at every moment
    /// `site/` is the old site or the new one, and the old one is the next spare. Where that call is
    /// missing (other systems, some file systems) three renames do it: the old site moves aside, the
    /// new one moves in, the old one becomes the spare; if the process dies between them, the next
    /// build repairs the names first (``recover(destination:spare:)``).
    ///
    /// - Parameter spareFiles: every file the spare holds, when known (the files of the build before
    ///   the last); only those are considered for removal. Nil walks the spare to find leftovers.
    package func commit(spareFiles: Set<String>? = nil) throws(BuildError) {
        if let spareFiles, spareIsIntact { removeUnwritten(among: spareFiles) } else { removeUnwritten() }
        let hadSite = FileManager.default.fileExists(atPath: destination.path)
        if hadSite, Self.exchange(staging.path, destination.path) {
            unlink(dirtyMarker)
            return
        }
        let aside = Self.aside(destination)
        if hadSite, rename(destination.path, aside.path) != 0 { throw failure("cannot move aside", destination.path) }
        if rename(staging.path, destination.path) != 0 {
            let error = failure("cannot move the new site into", destination.path)
            if hadSite { _ = rename(aside.path, destination.path) }
            throw error
        }
        if hadSite { _ = rename(aside.path, staging.path) }
        unlink(dirtyMarker)
    }

    /// Swaps two paths atomically with `renameat2(..., RENAME_EXCHANGE)`; false when the system or
    /// the file system cannot (the caller falls back to renames).
    static func exchange(_ first: String, _ second: String) -> Bool {
        notes_rename_exchange(first, second) == 0
    }

    /// Leaves ``destination`` as it was; the spare keeps whatever was written, to be reused.
    package func discard() {}

    // MARK: - Folders and leftovers

    /// Creates the folders leading to `path`, each once per build.
    private func makeFolder(containing path: String) throws(BuildError) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = String(path[..<slash])
        if folders.withLock({ $0.contains(folder) }) { return }
        try makeFolder(containing: folder)
        let full = staging.path + "/" + folder
        if mkdir(full, 0o755) != 0 {
            guard errno == EEXIST else { throw failure("cannot create folder", folder) }
            var status = stat()
            if lstat(full, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR {
                // A file of an earlier build stands where a folder goes now.
                unlink(full)
                guard mkdir(full, 0o755) == 0 else { throw failure("cannot create folder", folder) }
            }
        }
        folders.withLock { _ = $0.insert(folder) }
    }

    /// Counts the folders leading to a kept file as made, so they are not removed as leftovers.
    private func markFolders(containing path: String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        var folder = String(path[..<slash])
        folders.withLock { folders in
            // A folder already counted has its parents counted too: a note's second file stops here.
            while folders.insert(folder).inserted, let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
                folder = String(folder[..<slash])
            }
        }
    }

    /// Deletes `files` this build did not write, and the folders that leaves empty.
    private func removeUnwritten(among files: Set<String>) {
        let keep = written.withLock { $0 }
        var emptied: Set<String> = []
        for path in files where !keep.contains(path) {
            unlink(staging.path + "/" + path)
            var folder = path
            while let slash = folder.lastIndex(of: "/") {
                folder = String(folder[..<slash])
                emptied.insert(folder)
            }
        }
        // Deepest first; rmdir leaves a folder that still holds something.
        for folder in emptied.sorted(by: { $0.count > $1.count }) { rmdir(staging.path + "/" + folder) }
    }

    /// Deletes files and folders of earlier builds that this build did not produce.
    private func removeUnwritten() {
        let keep = written.withLock { $0 }
        let keepFolders = folders.withLock { $0 }
        var stale: [String] = []
        FileContents.walk(staging.path) { path, isFolder in
            let wanted = isFolder ? keepFolders.contains(path) : keep.contains(path)
            if !wanted { stale.append(path) }
            return wanted
        }
        for path in stale { try? FileManager.default.removeItem(atPath: staging.path + "/" + path) }
    }

    private func failure(_ what: String, _ path: String) -> BuildError {
        BuildError(at: nil, "\(what) \(path)", reasons: [String(cString: strerror(errno))])
    }

    private static func aside(_ destination: URL) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).previous", isDirectory: true)
    }

    /// Repairs the names after a build killed in the middle of ``commit()``: the published site is
    /// always the last complete one.
    static func recover(destination: URL, spare: URL) {
        let aside = aside(destination)
        guard FileManager.default.fileExists(atPath: aside.path) else { return }
        if FileManager.default.fileExists(atPath: destination.path) {
            // Died after the new site moved in: the old one is the spare now.
            try? FileManager.default.removeItem(at: spare)
            _ = rename(aside.path, spare.path)
        } else {
            // Died before: put the last good site back.
            _ = rename(aside.path, destination.path)
        }
    }
}
