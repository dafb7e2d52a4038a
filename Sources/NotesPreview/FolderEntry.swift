#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One entry of a folder as `readdir` gives it: no user or group look-ups, and no `lstat` unless
/// the file system leaves the entry's kind unknown.
struct FolderEntry: Sendable {
    var name: String
    var isFolder: Bool

    /// The entries of the folder at `path` that ``SourceWatcher/isIgnored(_:)`` keeps (so no `.`
    /// or `..`); none when it cannot be read (gone, not a folder).
    static func list(_ path: String) -> [FolderEntry] {
        guard let folder = opendir(path) else { return [] }
        defer { closedir(folder) }
        var entries: [FolderEntry] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if SourceWatcher.isIgnored(name) { continue }
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var status = stat()
                isFolder = lstat(path + "/" + name, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
            }
            entries.append(FolderEntry(name: name, isFolder: isFolder))
        }
        return entries
    }
}
