#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One number standing for every file in a note's folder: names, sizes, modification times and
/// inodes, hidden files left out. Any save, added or removed file changes it; reading no file.
///
/// A note's page depends only on its folder (listings, images and runs outside it are refused), the
/// site settings and the templates, so an unchanged stamp means an unchanged page.
///
/// File systems keep modification times at the kernel's coarse clock (a few milliseconds), so two
/// saves of the same size in one tick look alike. As git does with its index, a folder holding a file
/// modified in the last ``racyWindow`` gets the stamp ``unknown``, which matches nothing: the note is
/// read again by the next build too. A folder itself changed that recently is listed again next time.
package enum FolderStamp {
    /// The stamp that never matches: the folder's files were too fresh to trust, or it is gone.
    package static let unknown: UInt64 = 0

    /// A stamp and the listing it was taken from (nil with ``unknown``).
    package typealias Taken = (value: UInt64, listing: FolderListing?)

    /// How recent a modification must be to be distrusted, in nanoseconds.
    static let racyWindow: Int64 = 100_000_000

    /// The stamp of `folder` (an absolute path), walking its subfolders (`runs/`), and what it was
    /// taken from (nil with ``unknown``).
    ///
    /// - Parameter previous: the listing the last stamp of this folder was taken from; while its
    ///   folders are unchanged their entries are too, and only the files are looked at.
    package static func of(_ folder: String, reusing previous: FolderListing? = nil) -> Taken {
        guard let listing = previous.flatMap({ $0.isCurrent(in: folder) ? $0 : nil }) ?? FolderListing(reading: folder) else {
            return (unknown, nil)
        }
        var hash = ChangeHash()
        var newest: Int64 = 0
        for entry in listing.entries {
            hash.add(entry.path)
            guard !entry.isFolder else { continue }
            // A file gone since the listing hashes as one without a stamp: the stamp still changes.
            if let stamp = FileStamp.of(folder + "/" + entry.path) {
                hash.add(stamp.size)
                hash.add(stamp.modifiedSeconds)
                hash.add(stamp.modifiedNanoseconds)
                hash.add(Int64(bitPattern: stamp.inode))
                newest = max(newest, stamp.nanoseconds)
            }
        }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let nanoseconds = Int64(now.tv_sec) &* 1_000_000_000 &+ Int64(now.tv_nsec)
        if nanoseconds - newest < racyWindow { return (unknown, nil) }
        // A folder changed that recently may change again with the same stamps: list it next time.
        let settled = listing.folders.allSatisfy { nanoseconds - $0.newestChange >= racyWindow }
        return (hash.value == unknown ? 1 : hash.value, settled ? listing : nil)
    }
}

/// The entries of a note's folder as a ``FolderStamp`` found them, with the stamps of the folders
/// listed. Adding, removing or renaming an entry changes its folder's modification time (an editor's
/// save-by-rename too), so while every folder's stamp holds, the entries do: the next stamp then
/// looks at the files without listing a folder, as git's untracked cache does.
package struct FolderListing: Sendable, Hashable {
    /// The folder's files and subfolders in walk order (parents first, names sorted), by path in it.
    package var entries: [Entry]
    /// The stamps of the folder itself (path "") and of its subfolders, each taken before it was read.
    package var folders: [Folder]

    package struct Entry: Sendable, Hashable {
        package var path: String
        package var isFolder: Bool

        package init(path: String, isFolder: Bool) {
            self.path = path
            self.isFolder = isFolder
        }
    }

    /// A folder's stamp with its status-change time too: setting a folder's modification time back
    /// (`touch -d`, `rsync -t`) cannot hide an entry added, as that sets the change time to now.
    package struct Folder: Sendable, Hashable {
        package var path: String
        package var stamp: FileStamp
        /// The status-change time (`st_ctime`), in nanoseconds since 1970.
        package var changed: Int64

        package init(path: String, stamp: FileStamp, changed: Int64) {
            self.path = path
            self.stamp = stamp
            self.changed = changed
        }

        init(path: String, _ status: stat) {
            #if canImport(Darwin)
                let changed = status.st_ctimespec
            #else
                let changed = status.st_ctim
            #endif
            self.init(path: path, stamp: FileStamp(status), changed: Int64(changed.tv_sec) &* 1_000_000_000 &+ Int64(changed.tv_nsec))
        }

        var newestChange: Int64 { max(stamp.nanoseconds, changed) }
    }

    package init(entries: [Entry], folders: [Folder]) {
        self.entries = entries
        self.folders = folders
    }

    /// Lists `root`, hidden entries left out; nil when it cannot be read.
    init?(reading root: String) {
        var entries: [Entry] = []
        var folders: [Folder] = []
        let complete = FileContents.walk(
            root, entered: { folders.append(Folder(path: $0, $1)) },
            { path, isFolder in
                // Hidden entries (an editor's swap file, say) are left out, hidden folders unread.
                guard !(path.split(separator: "/").last?.hasPrefix(".") ?? false) else { return false }
                entries.append(Entry(path: path, isFolder: isFolder))
                return isFolder
            })
        guard complete else { return nil }
        self.init(entries: entries, folders: folders)
    }

    /// Whether the folder holds a `note.md`, which makes it a note's.
    package var holdsNote: Bool { entries.contains { $0.path == "note.md" } }

    /// Whether every folder listed still has its stamp, so that the entries are still these.
    func isCurrent(in root: String) -> Bool {
        folders.allSatisfy { folder in
            var status = stat()
            return stat(folder.path.isEmpty ? root : root + "/" + folder.path, &status) == 0 && Folder(path: folder.path, status) == folder
        }
    }
}

extension FileStamp {
    /// The modification time in nanoseconds since 1970.
    var nanoseconds: Int64 { modifiedSeconds &* 1_000_000_000 &+ modifiedNanoseconds }
}
