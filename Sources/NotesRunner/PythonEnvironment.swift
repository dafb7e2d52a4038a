import Foundation
import NotesDiagnostics
import NotesRecords

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The virtual environment listings run in: `<project>/.notes/venv`, made from the pinned
/// `content/requirements.txt` and made again whenever that file changes.
///
/// A marker file inside the venv holds the requirements' sha256 and the interpreter's version. A
/// new venv is built in `.notes/venv.partial-<pid>` and renamed into place only once pip has succeeded, so
/// an interrupted install never leaves a half-made venv where a run would use it. A lock file keeps
/// two `notes` processes (or two tests) from building at the same time.
package struct PythonEnvironment: Sendable {
    /// The pinned requirements file.
    package var requirements: URL
    /// Where the venv lives.
    package var location: URL
    /// The interpreter that creates the venv: a name looked up on PATH, or a path.
    package var baseInterpreter: String

    /// The project's environment: `content/requirements.txt` into `.notes/venv`.
    package init(projectRoot: URL, baseInterpreter: String = "python3") {
        self.init(
            requirements: projectRoot.appendingPathComponent("content/requirements.txt"),
            location: projectRoot.appendingPathComponent(".notes/venv"), baseInterpreter: baseInterpreter)
    }

    /// An environment from any requirements file into any folder.
    package init(requirements: URL, location: URL, baseInterpreter: String = "python3") {
        self.requirements = requirements
        self.location = location
        self.baseInterpreter = baseInterpreter
    }

    /// The venv's interpreter, which listings run with.
    package var interpreter: URL { location.appendingPathComponent("bin/python") }

    /// The marker written last into a finished venv.
    var marker: URL { location.appendingPathComponent(".notes-requirements") }

    /// Makes sure the venv exists and matches the requirements; returns its interpreter.
    ///
    /// Fast when nothing changed (one hash and one file read). Otherwise prints `progress` lines
    /// while it builds, which takes a minute or so on a first run (pip downloads wheels).
    package func prepare(progress: @Sendable (String) -> Void = { _ in }) async throws -> URL {
        let wanted = try await expectedMarker()
        if isCurrent(wanted) { return interpreter }
        let lock = try await FileLock.acquire(location.deletingLastPathComponent().appendingPathComponent("venv.lock"))
        defer { lock.release() }
        // Another process may have built it while we waited for the lock.
        if isCurrent(wanted) { return interpreter }
        try await build(marker: wanted, progress: progress)
        return interpreter
    }

    // MARK: - Building

    private func build(marker wanted: String, progress: @Sendable (String) -> Void) async throws {
        let fileManager = FileManager.default
        let folder = location.deletingLastPathComponent()
        // One partial folder per process: a pip orphaned by an interrupted run may still be writing
        // into its own; every leftover is removed before building (we hold the lock).
        let partial = folder.appendingPathComponent(location.lastPathComponent + ".partial-\(getpid())")
        let retired = folder.appendingPathComponent(location.lastPathComponent + ".old")
        let log = folder.appendingPathComponent(location.lastPathComponent + "-install.log")
        for leftover in (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
        where leftover.hasPrefix(location.lastPathComponent + ".partial") {
            try? fileManager.removeItem(at: folder.appendingPathComponent(leftover))
        }
        try? fileManager.removeItem(at: retired)
        let packages =
            (try? String(contentsOf: requirements, encoding: .utf8))?.split(separator: "\n")
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }.count ?? 0

        progress("[1/3] creating a Python environment in \(displayPath(location)) (\(wanted.split(separator: "\n").last ?? ""))")
        // Seeding a venv with its own pip (ensurepip) takes ~10 s here; when the base interpreter has
        // a pip that can install into another environment (`--python`, pip 22.3+), use that instead.
        let venvPython = partial.appendingPathComponent("bin/python").path
        let pip = try await baseHasModernPip() ? [baseInterpreter, "-m", "pip", "--python", venvPython] : [venvPython, "-m", "pip"]
        try await run(
            [baseInterpreter, "-m", "venv"] + (pip[0] == baseInterpreter ? ["--without-pip"] : []) + [partial.path],
            log: log, step: "python -m venv")
        progress("[2/3] installing \(packages) pinned packages from \(displayPath(requirements)) (log: \(displayPath(log)))")
        try await run(
            pip + ["install", "--disable-pip-version-check", "--no-input", "--require-virtualenv", "-r", requirements.path],
            log: log, step: "pip install")
        try Data(wanted.utf8).write(to: partial.appendingPathComponent(".notes-requirements"))
        // Swap in: the old venv (if any) steps aside, the new one takes its name, the old one goes.
        // The interpreter finds its packages through pyvenv.cfg beside bin/, so the rename is safe.
        if fileManager.fileExists(atPath: location.path) { try fileManager.moveItem(at: location, to: retired) }
        try fileManager.moveItem(at: partial, to: location)
        try? fileManager.removeItem(at: retired)
        progress("[3/3] \(displayPath(location)) is ready")
    }

    /// `sha256:<hex>` of the requirements file, then the base interpreter's version.
    private func expectedMarker() async throws -> String {
        guard let data = FileManager.default.contents(atPath: requirements.path) else {
            throw Diagnostic(
                at: SourceLocation(path: displayPath(requirements)), "the pinned requirements file is missing",
                help: "create it with one `package==version` per line, e.g. anthropic==2.10.0")
        }
        return "sha256:\(SHA256.hex(of: data))\n\(try await interpreterVersion())"
    }

    private func isCurrent(_ wanted: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: interpreter.path),
            let data = FileManager.default.contents(atPath: marker.path)
        else { return false }
        return String(decoding: data, as: UTF8.self) == wanted
    }

    private func interpreterVersion() async throws -> String {
        let (status, output) = try await capture(["-c", "import sys; print('python ' + '.'.join(map(str, sys.version_info[:3])))"])
        guard status == 0 else { throw failure("\(baseInterpreter) does not run", reasons: []) }
        return output
    }

    /// Whether `python -m pip` exists and is at least 22.3, the first with `--python`.
    private func baseHasModernPip() async throws -> Bool {
        let (status, output) = try await capture(["-c", "import pip; print(pip.__version__)"])
        let parts = output.split(separator: ".").compactMap { Int($0) }
        return status == 0 && parts.count >= 2 && (parts[0], parts[1]) >= (22, 3)
    }

    /// Runs the base interpreter briefly and returns its status and trimmed standard output.
    private func capture(_ arguments: [String]) async throws -> (Int32, String) {
        let spec = ProcessSpec(
            executable: try resolve(baseInterpreter), arguments: arguments, environment: ProcessInfo.processInfo.environment,
            directory: requirements.deletingLastPathComponent(), streams: .capture(limit: 64 * 1024), newProcessGroup: false)
        let process: SpawnedProcess
        do { process = try SpawnedProcess.spawn(spec) } catch {
            throw failure("cannot run \(baseInterpreter)", reasons: error.diagnostics.map(\.message))
        }
        let (status, output) = await process.wait()
        let text = output?.chunks.filter { !$0.isStandardError }.flatMap(\.bytes) ?? []
        return (status, String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs a step with its output appended to the install log; a failure quotes the log's end.
    private func run(_ argv: [String], log: URL, step: String) async throws {
        try appendLine("$ \(argv.joined(separator: " "))", to: log)
        let spec = ProcessSpec(
            executable: try resolve(argv[0]), arguments: Array(argv.dropFirst()), environment: ProcessInfo.processInfo.environment,
            directory: location.deletingLastPathComponent(), streams: .appendingTo(log), newProcessGroup: true)
        let process: SpawnedProcess
        do { process = try SpawnedProcess.spawn(spec) } catch {
            throw failure("cannot start \(step)", reasons: error.diagnostics.map(\.message))
        }
        // Ctrl-C cancels the task: end pip's whole group rather than leave it installing.
        let status = await withTaskCancellationHandler {
            await process.wait().status
        } onCancel: {
            process.signalGroup(SIGKILL)
        }
        guard status == 0 else {
            let tail = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").suffix(6).map(String.init) ?? []
            throw failure("\(step) failed with exit status \((status >> 8) & 0xFF)", reasons: tail)
        }
    }

    private func appendLine(_ line: String, to log: URL) throws {
        if !FileManager.default.fileExists(atPath: log.path) { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
    }

    private func resolve(_ name: String) throws -> URL {
        if name.contains("/") { return URL(fileURLWithPath: name) }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw failure("cannot find \(name) on PATH", reasons: [])
    }

    private func failure(_ message: String, reasons: [String]) -> Diagnostic {
        Diagnostic(
            at: SourceLocation(path: displayPath(requirements)), "cannot make the Python environment: \(message)",
            help: "check the pins in \(displayPath(requirements)) and that PyPI is reachable; the previous environment is untouched",
            reasons: reasons)
    }
}

/// An exclusive `flock(2)` on a file, polled without blocking a thread of the cooperative pool.
private struct FileLock: Sendable {
    let descriptor: Int32

    static func acquire(_ url: URL) async throws -> FileLock {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(url.path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else {
            throw Diagnostic(at: nil, "cannot open the lock file \(url.path)", help: "check that the project folder is writable")
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            try await Task.sleep(for: .milliseconds(200))
        }
        return FileLock(descriptor: descriptor)
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
