#if os(Linux)
    import Glibc
    import NotesRecords

    /// One event read from an inotify descriptor.
    struct InotifyEvent: Sendable {
        var watch: Int32
        var mask: UInt32
        /// Pairs the two halves of a rename.
        var cookie: UInt32 = 0
        /// The entry's name in the watched folder; nil when the event is about the folder itself.
        var name: String?

        func has(_ flag: Int32) -> Bool { mask & UInt32(flag) != 0 }
    }

    /// inotify's watches over trees of folders (which watch descriptor is which folder) and what
    /// each event means as changed paths. Owned by the watcher's thread alone.
    struct InotifyWatches: Sendable {
        /// A file is reported when its writer closes it, not at each write (a build would read it
        /// half-written): `IN_CLOSE_WRITE` covers saving in place, `touch`, `cp` and `git checkout`;
        /// the moves cover an editor's write-aside-then-rename and `mv`; the creates and deletes
        /// cover `mkdir`, `ln`, `rm` and `rm -r` (each file, then each folder). No `IN_MODIFY`, so no
        /// event per `write()`; no `IN_ATTRIB`, so `chmod` and times set alone go unnoticed.
        static let events = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

        /// Why the watches no longer cover the trees: a new folder could not be watched (the
        /// per-user watch limit), or a root was removed or renamed (its parent is not watched).
        typealias Failure = POSIXFailure

        let descriptor: Int32
        let roots: [String]
        /// The folder each watch descriptor watches.
        private(set) var folders: [Int32: String] = [:]
        /// Files created (reported) whose writer has not closed them yet: a batch waits for them, a little.
        private(set) var unfinished: Set<String> = []
        /// Files removed or moved away and not made again since: an editor may be about to write the
        /// new one (vim moves the old file aside first), so a batch waits for them, less.
        private(set) var vanished: Set<String> = []
        /// Files moved away in this batch, by rename cookie: one moved to another watched name has not vanished.
        private var movedAway: [UInt32: String] = [:]

        /// How many folders are watched.
        var count: Int { folders.count }

        init(descriptor: Int32, roots: [String]) {
            self.descriptor = descriptor
            self.roots = roots
        }

        /// Watches the folder at `path` and every folder under it, watch first, then read: anything
        /// made after the watch is an event, anything before it is found by the read. With `report`,
        /// what is found is added to `changes` (a folder made or moved in after the start).
        mutating func watch(tree path: String, isRoot: Bool, report: Bool, into changes: inout Set<String>) throws(Failure) {
            var pending = [path]
            while let folder = pending.popLast() {
                let follow = isRoot && folder == path
                let watch = inotify_add_watch(descriptor, folder, Self.events | UInt32(IN_ONLYDIR) | (follow ? 0 : UInt32(IN_DONT_FOLLOW)))
                guard watch >= 0 else {
                    // A folder gone or unreadable since it was listed has nothing to watch; a missing root or a full table fails.
                    if follow || errno == ENOSPC || errno == ENOMEM { throw Failure(call: "inotify_add_watch", path: folder) }
                    continue
                }
                folders[watch] = folder
                for entry in FolderEntry.list(folder) {
                    let child = folder + "/" + entry.name
                    if entry.isFolder { pending.append(child) }
                    if report { changes.insert(child) }
                }
            }
        }

        /// Adds the paths `event` changed to `changes`, watching folders made or moved in and
        /// forgetting those moved out.
        mutating func apply(_ event: InotifyEvent, to changes: inout Set<String>) throws(Failure) {
            if event.has(IN_Q_OVERFLOW) {
                // Events were dropped: everything may have changed, and folders made since may be unwatched.
                changes.formUnion(roots)
                for root in roots { try watch(tree: root, isRoot: true, report: false, into: &changes) }
                return
            }
            if event.has(IN_IGNORED) {
                folders[event.watch] = nil
                return
            }
            guard let folder = folders[event.watch] else { return }
            guard let name = event.name else {
                // The folder itself went: its parent reports it, unless it is a root, whose parent is not watched.
                if event.has(IN_DELETE_SELF | IN_MOVE_SELF), roots.contains(folder) {
                    throw Failure(call: "inotify", path: folder, code: ENOENT)
                }
                return
            }
            if SourceWatcher.isIgnored(name) { return }
            let path = folder + "/" + name
            changes.insert(path)
            if event.has(IN_ISDIR) {
                if event.has(IN_CREATE | IN_MOVED_TO) {
                    try watch(tree: path, isRoot: false, report: true, into: &changes)
                } else if event.has(IN_MOVED_FROM) {
                    unwatch(tree: path)
                }
                // A removed folder's own watch has ended (IN_DELETE_SELF, IN_IGNORED) with its files reported.
            } else if event.has(IN_CREATE) {
                vanished.remove(path)
                if isBeingWritten(path) { unfinished.insert(path) }
            } else {
                unfinished.remove(path)
                vanished.remove(path)
                if event.has(IN_DELETE | IN_MOVED_FROM) { vanished.insert(path) }
                if event.has(IN_MOVED_FROM) { movedAway[event.cookie] = path }
                if event.has(IN_MOVED_TO), let source = movedAway.removeValue(forKey: event.cookie) { vanished.remove(source) }
            }
        }

        /// Forgets the files still being written or gone: what comes of them is the next change.
        mutating func endBatch() {
            unfinished.removeAll()
            vanished.removeAll()
            movedAway.removeAll()
        }

        /// Ends the watches on `path` and the folders under it (moved out, or elsewhere: the move's
        /// other half watches them again under their new path).
        private mutating func unwatch(tree path: String) {
            for (watch, folder) in folders where folder == path || folder.hasPrefix(path + "/") {
                inotify_rm_watch(descriptor, watch)
                folders[watch] = nil
            }
        }

        /// Whether a just-created `path` was made by `open()` (a regular file with one link), so a
        /// close (`IN_CLOSE_WRITE`) will follow, unlike a link (`ln`, `ln -s`), whose creation is all.
        private func isBeingWritten(_ path: String) -> Bool {
            var status = stat()
            return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && status.st_nlink == 1
        }
    }
#endif
