import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writes files so that readers see the old content or the new, never a half-written file.
enum AtomicFile {
    /// Writes `bytes` to a temporary file in the same folder, syncs it, and renames it over `url`.
    ///
    /// `rename(2)` within one file system is atomic, so an interrupted write leaves only a stray
    /// temporary file (removed on failure) and the previous file intact.
    static func write(_ bytes: [UInt8], to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw POSIXFailure(call: "open", path: temporary.path) }
        var closed = false
        defer {
            if !closed { close(descriptor) }
        }
        do {
            var written = 0
            while written < bytes.count {
                let result = bytes[written...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
                guard result > 0 else { throw POSIXFailure(call: "write", path: temporary.path) }
                written += result
            }
            guard fsync(descriptor) == 0 else { throw POSIXFailure(call: "fsync", path: temporary.path) }
            closed = true
            guard close(descriptor) == 0 else { throw POSIXFailure(call: "close", path: temporary.path) }
            guard rename(temporary.path, url.path) == 0 else { throw POSIXFailure(call: "rename", path: url.path) }
        } catch {
            unlink(temporary.path)
            throw error
        }
    }
}

/// A failed system call, with `errno` turned into words.
struct POSIXFailure: Error, CustomStringConvertible {
    let call: String
    let path: String
    let code: Int32 = errno

    var description: String { "\(call)(\(path)): \(String(cString: strerror(code)))" }
}
