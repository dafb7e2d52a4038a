import Foundation

/// The environment a listing runs in: documented and clean, nothing leaks in from the author's shell.
///
/// | variable | value |
/// | --- | --- |
/// | `PATH` | the venv's `bin` (Python), then `/usr/local/bin:/usr/bin:/bin` |
/// | `HOME` | `.notes/home`, an empty folder of the project |
/// | `TMPDIR` | a fresh folder for this run |
/// | `LANG`, `TZ` | `C.UTF-8`, `UTC` |
/// | `PYTHONUNBUFFERED=1`, `PYTHONDONTWRITEBYTECODE=1` | unbuffered output, no `__pycache__` in the note's folder |
/// | `PYTHONHASHSEED=0`, `PYTHONIOENCODING=utf-8`, `PYTHONPATH` | stable hashing, UTF-8, the start-up hook |
/// | `ANTHROPIC_BASE_URL`, `ANTHROPIC_API_KEY` | the transport and this run's token, never the real key |
/// | `NOTES_LISTING`, `NOTES_MODE`, `NOTES_TRACE` | what the listing may want to know; see ``PythonHook`` |
/// | `NOTES_CLOCK_ORIGIN`, `NOTES_CLOCK_AT`, `NOTES_TOOLS` | for the start-up hook: the pinned clock, the tool functions |
struct ListingEnvironment {
    var binFolders: [String]
    var home: URL
    var temporary: URL
    var hookFolder: URL?
    var transport: [String: String]
    var notes: [String: String]

    var variables: [String: String] {
        var variables: [String: String] = [
            "PATH": (binFolders + ["/usr/local/bin", "/usr/bin", "/bin"]).joined(separator: ":"),
            "HOME": home.path,
            "TMPDIR": temporary.path,
            "LANG": "C.UTF-8",
            "TZ": "UTC",
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONHASHSEED": "0",
            "PYTHONIOENCODING": "utf-8",
        ]
        if let hookFolder { variables["PYTHONPATH"] = hookFolder.path }
        variables.merge(transport) { $1 }
        variables.merge(notes) { $1 }
        return variables
    }
}
