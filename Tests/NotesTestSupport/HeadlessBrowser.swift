import Foundation

/// Headless Chromium, for tests of what a reader's browser does with the built site.
///
/// The binary is `CHROMIUM` when set, else the first of `chromium`, `chromium-browser`,
/// `google-chrome` on `PATH`; `script/test` installs Debian's `chromium` when none is there.
public struct HeadlessBrowser: Sendable {
    public let executable: URL

    /// Finds the browser, or throws saying how to install one.
    public init() throws {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CHROMIUM"] {
            executable = URL(fileURLWithPath: path)
            return
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                executable = URL(fileURLWithPath: "\(folder)/\(name)")
                return
            }
        }
        throw MissingBrowser()
    }

    /// Opens `page` (a file URL), lets its scripts run, and returns the DOM as serialised after them.
    ///
    /// `darkMode` makes the browser prefer a dark colour scheme. Each call gets its own profile
    /// folder, so calls may run at the same time.
    public func dumpDOM(of page: URL, darkMode: Bool = false) async throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        var argv = [
            executable.path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
            "--user-data-dir=\(profile.path)", "--allow-file-access-from-files", "--virtual-time-budget=30000",
        ]
        if darkMode { argv.append("--force-dark-mode") }
        argv += ["--dump-dom", page.absoluteString]
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": profile.path, "LANG": "C.UTF-8"]
        let result = try await runTestProcess(
            argv, environment: environment, directory: profile,
            outputPrefix: profile.appendingPathComponent("chromium"))
        guard result.status == 0 else {
            throw BrowserFailed(status: result.status, stderr: String(result.stderr.suffix(2000)))
        }
        return result.stdout
    }
}

extension HeadlessBrowser {
    /// Runs a DevTools driver script (Python, on `Tests/Browser/devtools.py`) as
    /// `python3 SCRIPT CHROMIUM ARGUMENTS...` in `directory`, writing no bytecode into the source tree.
    public func runDriver(_ script: URL, arguments: [String], directory: URL, timeout: Duration = .seconds(90)) async throws
        -> TransportProcessResult
    {
        try await runTestProcess(
            ["/usr/bin/env", "python3", script.path, executable.path] + arguments,
            environment: [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": directory.path,
                "PYTHONDONTWRITEBYTECODE": "1",
            ],
            directory: directory,
            outputPrefix: FileManager.default.temporaryDirectory.appendingPathComponent("browser-driver-\(UUID().uuidString)"),
            timeout: timeout)
    }
}

/// No headless browser is installed.
public struct MissingBrowser: Error, CustomStringConvertible {
    public var description: String {
        "no headless Chromium found; install it (apt-get install -y chromium; script/test does) or set CHROMIUM=/path/to/chrome"
    }
}

/// The browser exited with an error.
public struct BrowserFailed: Error, CustomStringConvertible {
    public var status: Int32
    public var stderr: String
    public var description: String { "chromium exited with status \(status):\n\(stderr)" }
}
