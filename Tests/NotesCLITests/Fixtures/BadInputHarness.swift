import Foundation
import NotesRunner
import NotesTestSupport

// Shared by the bad-input corpus (BadInputCorpusTests) and the seeded fuzz test (FuzzTests): a
// throwaway project that already has a good site/, the real `notes` binary run as a subprocess a
// few at a time, and the checks every bad input must pass (no crash, located errors with help,
// nothing lost).

// MARK: - Running notes

/// How one `notes` subprocess ended.
struct NotesOutcome: Sendable {
    var arguments: [String]
    /// The exit status (meaningful when `signal` is nil).
    var status: Int32
    /// The signal that killed it, if one did.
    var signal: Int32?
    /// Killed by the test after its timeout.
    var timedOut: Bool
    var stdout: String
    var stderr: String
    var seconds: Double

    /// Died by a signal or hung.
    var crashed: Bool { signal != nil || timedOut }

    /// The whole outcome, for a failure message.
    var transcript: String {
        let how = timedOut ? "timed out (killed)" : signal.map { "killed by signal \($0)" } ?? "exit \(status)"
        return """
            $ notes \(arguments.joined(separator: " "))   -> \(how) in \(String(format: "%.2f", seconds)) s
            --- stderr ---
            \(stderr.isEmpty ? "(empty)" : Self.clip(stderr))
            --- stdout ---
            \(stdout.isEmpty ? "(empty)" : Self.clip(stdout))
            """
    }

    private static func clip(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.count > 400 ? $0.prefix(400) + "…" : String($0) }
        let kept = lines.prefix(40).joined(separator: "\n")
        return lines.count > 40 ? kept + "\n… (\(lines.count - 40) more lines)" : kept
    }
}

/// At most a few `notes` subprocesses at once, across every test that uses this harness, so that
/// a parameterised corpus does not start a hundred processes on two cores.
actor ProcessSlots {
    static let shared = ProcessSlots(limit: max(2, ProcessInfo.processInfo.activeProcessorCount))

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { free = limit }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

/// `notes <arguments> -C <root>` with a clean environment (no key, no colour, CI set), as CLIFixture
/// does, but decoding output leniently (bad input may be echoed back) and reporting signals apart
/// from exit statuses.
func runNotes(_ arguments: [String], in root: URL, timeout: Duration = .seconds(60)) async throws -> NotesOutcome {
    await ProcessSlots.shared.acquire()
    let outcome: NotesOutcome
    do {
        outcome = try await runNotesNow(arguments, in: root, timeout: timeout)
    } catch {
        await ProcessSlots.shared.release()
        throw error
    }
    await ProcessSlots.shared.release()
    return outcome
}

private final class TimeoutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

private func runNotesNow(_ arguments: [String], in root: URL, timeout: Duration) async throws -> NotesOutcome {
    var environment = ProcessInfo.processInfo.environment
    for name in ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL"] { environment[name] = nil }
    environment["NO_COLOR"] = "1"
    environment["CI"] = "1"
    let process = Process()
    process.executableURL = try notesBinary()
    process.arguments = arguments + ["-C", root.path]
    process.environment = environment
    process.currentDirectoryURL = root
    let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("notes-badinput-\(UUID().uuidString)")
    let out = prefix.appendingPathExtension("stdout")
    let err = prefix.appendingPathExtension("stderr")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
    }
    let outHandle = try FileHandle(forWritingTo: out)
    let errHandle = try FileHandle(forWritingTo: err)
    process.standardOutput = outHandle
    process.standardError = errHandle
    process.standardInput = FileHandle.nullDevice
    let timedOut = TimeoutFlag()
    let start = ContinuousClock.now
    let (status, signalled): (Int32, Bool) = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { process in
            continuation.resume(returning: (process.terminationStatus, process.terminationReason == .uncaughtSignal))
        }
        do { try process.run() } catch {
            continuation.resume(throwing: error)
            return
        }
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + Double(timeout.components.seconds)) {
            if process.isRunning {
                timedOut.set()
                kill(pid, SIGKILL)
            }
        }
    }
    try outHandle.close()
    try errHandle.close()
    let elapsed = ContinuousClock.now - start
    return NotesOutcome(
        arguments: arguments, status: signalled ? 128 + status : status, signal: signalled && !timedOut.isSet ? status : nil,
        timedOut: timedOut.isSet,
        stdout: String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self),
        stderr: String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self),
        seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

// MARK: - A project with a previous site

/// A copy of the project (site settings, the seed note with its stored run, templates) whose site/
/// is the output of a good `notes build`, ready to be broken.
struct ScratchProject: Sendable {
    let project: TestProject
    /// A folder outside the project, for symbolic links that lead out of it.
    let outside: URL

    var root: URL { project.root }

    /// The site/ of the seed project, built once per test process (in a project removed right after)
    /// and written into every scratch project: the same bytes a first `notes build` of the copy
    /// would write, at a fraction of the cost.
    private static let goodSite = Task { () async throws -> [String: Data] in
        _ = try await PythonEnvironment(projectRoot: repositoryRoot()).prepare()
        let project = try TestProject()
        defer { project.remove() }
        let build = try await runNotes(["build"], in: project.root)
        guard build.status == 0, !build.crashed else {
            throw HarnessError(description: "the untouched seed project does not build:\n\(build.transcript)")
        }
        return try project.siteFiles()
    }

    static func make() async throws -> ScratchProject {
        let site = try await goodSite.value
        let project = try TestProject()
        try project.linkPythonEnvironment()
        for (path, data) in site {
            let url = project.site.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent(
            "notes-outside-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        return ScratchProject(project: project, outside: outside)
    }

    func notes(_ arguments: [String], timeout: Duration = .seconds(60)) async throws -> NotesOutcome {
        try await runNotes(arguments, in: root, timeout: timeout)
    }

    func remove() {
        project.remove()
        try? FileManager.default.removeItem(at: outside)
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// Every file of site/ and of every note's runs/ folder, with its bytes: what a failed command
    /// must leave exactly as it was.
    func keptFiles() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for (path, data) in try project.siteFiles() { files["site/" + path] = data }
        let content = url("content")
        let enumerator = FileManager.default.enumerator(atPath: content.path)
        while let path = enumerator?.nextObject() as? String {
            let parts = path.split(separator: "/")
            guard parts.count >= 3, parts[parts.count - 2] == "runs" else { continue }
            var isDirectory: ObjCBool = false
            let file = content.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files["content/" + path] = (try? Data(contentsOf: file)) ?? Data("<unreadable>".utf8)
            }
        }
        return files
    }

    // MARK: Edits

    func apply(_ edits: [ProjectEdit]) throws {
        let fileManager = FileManager.default
        for edit in edits {
            switch edit {
            case .write(let path, let data):
                try fileManager.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
                try? fileManager.removeItem(at: url(path))
                try data.write(to: url(path))
            case .replace(let path, let target, let replacement):
                let text = try String(contentsOf: url(path), encoding: .utf8)
                guard text.contains(target) else { throw HarnessError(description: "\(path) has no `\(target)` to replace") }
                try Data(text.replacingOccurrences(of: target, with: replacement).utf8).write(to: url(path))
            case .transform(let path, let change):
                try change(try Data(contentsOf: url(path))).write(to: url(path))
            case .remove(let path):
                try fileManager.removeItem(at: url(path))
            case .makeFolder(let path):
                try fileManager.createDirectory(at: url(path), withIntermediateDirectories: true)
            case .symlink(let path, let destination):
                try fileManager.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
                try? fileManager.removeItem(at: url(path))
                try fileManager.createSymbolicLink(atPath: url(path).path, withDestinationPath: destination)
            case .symlinkOutside(let path, let data):
                let target = outside.appendingPathComponent(UUID().uuidString + "-" + url(path).lastPathComponent)
                try data.write(to: target)
                try fileManager.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
                try? fileManager.removeItem(at: url(path))
                try fileManager.createSymbolicLink(at: url(path), withDestinationURL: target)
            case .moveOutside(let path):
                // Moves a folder of the project outside it and leaves a symbolic link in its place.
                let target = outside.appendingPathComponent(UUID().uuidString + "-" + url(path).lastPathComponent)
                try fileManager.copyItem(at: url(path), to: target)
                try fileManager.removeItem(at: url(path))
                try fileManager.createSymbolicLink(at: url(path), withDestinationURL: target)
            }
        }
    }
}

/// One change to a scratch project; paths are relative to its root.
enum ProjectEdit: Sendable {
    case write(String, Data)
    case replace(String, String, String)
    case transform(String, @Sendable (Data) -> Data)
    case remove(String)
    case makeFolder(String)
    /// A symbolic link at the path whose destination is written as given.
    case symlink(String, String)
    /// A file with these bytes outside the project, linked from the path.
    case symlinkOutside(String, Data)
    /// The folder at the path, moved outside the project and linked back.
    case moveOutside(String)

    static func write(_ path: String, _ text: String) -> ProjectEdit { .write(path, Data(text.utf8)) }
    static func write(_ path: String, bytes: [UInt8]) -> ProjectEdit { .write(path, Data(bytes)) }
    static func symlinkOutside(_ path: String, _ text: String) -> ProjectEdit { .symlinkOutside(path, Data(text.utf8)) }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
}

// MARK: - What every error message must look like

enum DiagnosticRules {
    /// Text that means an error reached the user without being turned into a sentence about the
    /// input: Swift or Foundation error descriptions, libyaml internals, assertion output.
    static let rawErrorText = [
        "DecodingError", "EncodingError", "The operation could not be completed", "The operation couldn’t be completed",
        "Error Domain=", "NSCocoaErrorDomain", "NSPOSIXErrorDomain", "keyNotFound(", "typeMismatch(", "valueNotFound(",
        "dataCorrupted(", "CodingKeys(", "Fatal error", "fatalError", "Swift/", "yaml_", "Parser: expected", "Optional(",
        "Stack dump", "Illegal instruction", "Segmentation fault", "error: reader:", "error: scanner:", "error: parser:",
    ]

    /// A diagnostic's first line: `path:line:col: error: ...`, `path: error: ...` or `error: ...`.
    static func isHeader(_ line: Substring) -> Bool {
        guard let first = line.first, first != " ", first != "\t" else { return false }
        return line.hasPrefix("error: ") || line.hasPrefix("warning: ") || line.contains(": error: ") || line.contains(": warning: ")
    }

    static func isError(_ line: Substring) -> Bool { isHeader(line) && (line.hasPrefix("error: ") || line.contains(": error: ")) }

    /// What is wrong with the diagnostics in `stderr`, as sentences; empty when they are all well formed:
    /// every error and warning has a `help:` line, and nothing is raw error text.
    static func problems(in stderr: String) -> [String] {
        var problems: [String] = []
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard isHeader(line) else { continue }
            var hasHelp = false
            while index < lines.count, lines[index].hasPrefix(" ") || lines[index].hasPrefix("\t") {
                if lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("help: ") { hasHelp = true }
                index += 1
            }
            if !hasHelp { problems.append("no `help:` line under: \(line.prefix(300))") }
        }
        for raw in rawErrorText where stderr.contains(raw) {
            problems.append("raw error text `\(raw)` in the output")
        }
        if stderr.split(separator: "\n").contains(where: { $0.hasPrefix("Context:") }) {
            problems.append("a raw parser `Context:` dump in the output")
        }
        return problems
    }

    /// The lines that are error diagnostics.
    static func errors(in stderr: String) -> [Substring] {
        stderr.split(separator: "\n").filter { isError($0) }
    }
}

/// The differences between two snapshots of kept files, as sentences.
func keptFileChanges(before: [String: Data], after: [String: Data]) -> [String] {
    var changes: [String] = []
    for path in Set(before.keys).union(after.keys).sorted() {
        switch (before[path], after[path]) {
        case (nil, _?): changes.append("\(path) appeared")
        case (_?, nil): changes.append("\(path) disappeared")
        case (let old?, let new?) where old != new: changes.append("\(path) changed")
        default: break
        }
    }
    return changes
}
