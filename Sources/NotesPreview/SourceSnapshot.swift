#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every file and folder under some folders, with what `lstat` says of each: enough to tell what
/// changed between two snapshots. Only `readdir` and `lstat`: no user or group names are looked up
/// (FileManager's enumerator read `/etc/passwd` for every file's owner).
struct SourceSnapshot: Sendable, Equatable {
    /// What is compared: a file that is rewritten, replaced by a rename or touched differs in one.
    struct Stamp: Hashable, Sendable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
    }

    /// By absolute path; a folder's stamp holds its inode only (its size and time change with
    /// every entry added, and the entry itself is reported).
    private(set) var stamps: [String: Stamp] = [:]

    /// Everything under `folders` now, hidden and backup names left out; a missing folder is empty.
    init(folders: [String]) {
        var pending = folders
        while let folder = pending.popLast() {
            for entry in FolderEntry.list(folder) {
                let path = folder + "/" + entry.name
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                let inode = UInt64(status.st_ino)
                if status.st_mode & S_IFMT == S_IFDIR {
                    stamps[path] = Stamp(size: 0, seconds: 0, nanoseconds: 0, inode: inode)
                    pending.append(path)
                } else {
                    #if canImport(Darwin)
                        let modified = status.st_mtimespec
                    #else
                        let modified = status.st_mtim
                    #endif
                    stamps[path] = Stamp(
                        size: Int64(status.st_size), seconds: Int(modified.tv_sec), nanoseconds: Int(modified.tv_nsec), inode: inode)
                }
            }
        }
    }

    /// The paths created, removed or changed between this snapshot and `newer`.
    func changes(to newer: SourceSnapshot) -> Set<String> {
        var changed = Set<String>()
        for (path, stamp) in newer.stamps where stamps[path] != stamp { changed.insert(path) }
        for path in stamps.keys where newer.stamps[path] == nil { changed.insert(path) }
        return changed
    }
}
