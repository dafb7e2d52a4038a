import NotesSite

/// One entry of a folder as `readdir` gives it: no user or group look-ups, and no `lstat` unless
/// the file system does not say what the entry is.
struct FolderEntry: Sendable {
    var name: String
    var isFolder: Bool

    /// The entries of the folder at `path` that ``SourceWatcher/isIgnored(_:)`` keeps (so no `.`
    /// or `..`); none when it cannot be read (gone, not a folder). A symbolic link is not a folder.
    static func list(_ path: String) -> [FolderEntry] {
        var entries: [FolderEntry] = []
        _ = FileContents.list(path) { name, isFolder in
            guard !SourceWatcher.isIgnored(name) else { return }
            entries.append(FolderEntry(name: name, isFolder: isFolder ?? FileContents.isFolder(path + "/" + name)))
        }
        return entries
    }
}
