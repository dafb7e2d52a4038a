import Foundation

/// What a finished test subprocess printed and how it ended.
public struct TransportProcessResult: Sendable {
    /// Exit status, or 128 + signal.
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs a subprocess for a test: explicit argv, its own environment and folder, output captured to
/// files (so the key audit sees them too), and killed after `timeout`.
public func runTestProcess(
    _ argv: [String], environment: [String: String], directory: URL, outputPrefix: URL? = nil, timeout: Duration = .seconds(120)
) async throws -> TransportProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: argv[0])
    process.arguments = Array(argv.dropFirst())
    process.environment = environment
    process.currentDirectoryURL = directory
    let prefix = outputPrefix ?? directory.appendingPathComponent("process-\(UUID().uuidString)")
    let out = prefix.appendingPathExtension("stdout")
    let err = prefix.appendingPathExtension("stderr")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: out)
    let errHandle = try FileHandle(forWritingTo: err)
    process.standardOutput = outHandle
    process.standardError = errHandle
    process.standardInput = FileHandle.nullDevice
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { process in
            let signalled = process.terminationReason == .uncaughtSignal
            continuation.resume(returning: signalled ? 128 + process.terminationStatus : process.terminationStatus)
        }
        do { try process.run() } catch { continuation.resume(throwing: error) }
        let pid = process.processIdentifier
        Task {
            try? await Task.sleep(for: timeout)
            if process.isRunning { kill(pid, SIGKILL) }
        }
    }
    try outHandle.close()
    try errHandle.close()
    // The output went through files (no pipe to fill up and block the child); they go once read.
    defer {
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
    }
    return TransportProcessResult(
        status: status, stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
}
