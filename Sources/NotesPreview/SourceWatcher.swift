import Foundation
import NotesDiagnostics
import NotesRecords

/// Something that hears about changes under a project's source folders (`content/`, `templates/`).
///
/// Reported paths are absolute, built from the folders' paths as given (symbolic links are not
/// resolved). A created, removed or renamed folder is reported by its own path, with the paths of
/// the files inside it where they are known (a folder created or moved in is scanned; `rm -r`
/// reports each file; a folder moved out is reported alone), so a caller should treat a folder path
/// as "anything under here". Hidden names (a component starting with `.`, such as `.note.md.swp` or
/// `.notes/`) and names ending in `~` are never reported and never wake a caller.
package protocol SourceWatching: AnyObject, Sendable {
    /// Waits for the next change and returns the paths that changed since the previous call
    /// returned (or since the watcher started): changes made while nobody is waiting are kept, so
    /// none is lost. Throws `CancellationError` when the calling task is cancelled (what has
    /// changed is kept for the next call) or once the watcher has stopped.
    ///
    /// Meant for one caller at a time; concurrent callers take turns, each change going to one.
    func nextChange() async throws -> Set<String>

    /// Stops watching: waiting callers get `CancellationError`, and the watcher's thread and file
    /// descriptors are gone when this returns. Stopping twice does nothing; deinit stops too.
    func stop()

    /// Why the folders are polled rather than watched, when that was not asked for (inotify could
    /// not watch them from the start, or stopped covering them): what the author should hear once.
    var fallbackReason: Diagnostic? { get }
}

/// Chooses how to watch a project's sources.
///
/// On Linux, inotify (``InotifyWatcher``): nothing runs while nothing changes, and a change is
/// reported as soon as the kernel's queued events are read. Elsewhere, or when inotify cannot watch
/// the folders (no such folder, the per-user instance or watch limit is reached), and whenever the
/// environment has `NOTES_WATCH=poll` (for network file systems, where inotify hears only local
/// writes, and for tests), a ``PollingWatcher`` compares every file's size, modification time and
/// inode a few times a second.
package enum SourceWatcher {
    /// How `NOTES_WATCH` is read: `poll` forces polling; anything else (or nothing) is automatic.
    package static let environmentVariable = "NOTES_WATCH"

    /// Starts watching `folders` recursively; changes from now on are reported by the watcher.
    package static func start(
        folders: [URL], environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> any SourceWatching {
        if environment[environmentVariable] == "poll" { return PollingWatcher(folders: folders) }
        #if os(Linux)
            do throws(POSIXFailure) { return try InotifyWatcher(folders: folders) } catch {
                return PollingWatcher(folders: folders, fallbackReason: fallbackReason(error))
            }
        #else
            return PollingWatcher(folders: folders)
        #endif
    }

    /// What to tell the author when inotify cannot watch the sources, with what to do about it.
    static func fallbackReason(_ failure: POSIXFailure) -> Diagnostic {
        let interval = Double(PollingWatcher.defaultInterval.components.attoseconds) / 1e18
        let help: String? =
            switch failure.code {
            case ENOSPC: "raise the watch limit: sudo sysctl fs.inotify.max_user_watches=524288"
            case EMFILE: "raise the instance limit: sudo sysctl fs.inotify.max_user_instances=1024"
            default: nil
            }
        return Diagnostic(
            .warning, at: nil, "inotify cannot watch the sources, so they are polled every \(interval) s instead",
            help: help, reasons: [failure.description])
    }

    /// Whether a file or folder called `name` is left out: hidden (editor swap files, temporary
    /// files written before a rename, `.notes/`) or a backup ending in `~`.
    static func isIgnored(_ name: some StringProtocol) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~")
    }
}
