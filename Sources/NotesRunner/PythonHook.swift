import Foundation
import NotesRecords

/// The start-up hook Python listings run with: a `sitecustomize.py` that `notes` writes to
/// `.notes/hook/` and puts first on `PYTHONPATH`, so the listing itself runs unchanged.
///
/// It pins the wall clock (`NOTES_CLOCK_AT`) by replacing `datetime.date`, `datetime.datetime` and
/// `time.time` with versions counting from the recording's moment, leaving monotonic time, sleeps and
/// timed waits alone (libfaketime breaks Python 3.11's timed waits); and it times the calls of the
/// listing's tool functions (`NOTES_TOOLS`) into `NOTES_TRACE`.
package enum PythonHook {
    /// Writes the hook into `folder` (when it changed) and returns that folder, for `PYTHONPATH`.
    package static func install(in folder: URL) throws -> URL {
        let file = folder.appendingPathComponent("sitecustomize.py")
        let bytes = PackageResources.sitecustomize_py
        if FileManager.default.contents(atPath: file.path).map(Array.init) != bytes {
            try AtomicFile.write(bytes, to: file)
        }
        return folder
    }

    /// The hook's Python source: `Resources/sitecustomize.py`, embedded in the binary at build time.
    static var source: String { String(decoding: PackageResources.sitecustomize_py, as: UTF8.self) }
}
