import Foundation

/// The stand-in engine (`Tests/NotesTransportTests/Fixtures/stand_in_engine.py`) as a separate
/// process on an ephemeral loopback port: the real engine is unreachable here and tests must never
/// point at it.
public final class TransportStandIn: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let url: URL
    private let process: Process?
    private let pid: Int32

    private init(url: URL, process: Process) {
        self.url = url
        self.process = process
        self.pid = process.processIdentifier
    }

    /// Starts the stand-in, which accepts only `key`, and waits until it listens; with `tls`, it
    /// serves HTTPS with the authority's server certificate.
    public static func start(key: String, tls: TestCertificateAuthority? = nil) async throws -> TransportStandIn {
        let script = repositoryRoot().appendingPathComponent("Tests/NotesTransportTests/Fixtures/stand_in_engine.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        var environment = ProcessInfo.processInfo.environment
        environment["STAND_IN_KEY"] = key
        environment["PYTHONUNBUFFERED"] = "1"
        if let tls {
            environment["STAND_IN_TLS_CERT"] = tls.serverCertificate.path
            environment["STAND_IN_TLS_KEY"] = tls.serverKey.path
        }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is "PORT <n>"; read it off a background thread so no test thread blocks.
        let line: String = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var bytes: [UInt8] = []
                while let byte = try? pipe.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 0x0A {
                    bytes.append(first)
                }
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }
        }
        guard line.hasPrefix("PORT "), let port = Int(line.dropFirst(5)) else {
            process.terminate()
            throw StandInFailure(message: "the stand-in engine did not start: \(line)")
        }
        return TransportStandIn(url: URL(string: "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)")!, process: process)
    }

    /// Stops the stand-in and waits for it, so a following replay provably cannot reach it.
    ///
    /// SIGKILL, because a process started from a Swift concurrency thread inherits that thread's
    /// signal mask, in which SIGTERM is blocked.
    public func stop() {
        guard let process, process.isRunning else { return }
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// The stand-in could not start.
public struct StandInFailure: Error, CustomStringConvertible {
    public var message: String

    /// A failure with its explanation.
    public init(message: String) { self.message = message }

    public var description: String { message }
}
