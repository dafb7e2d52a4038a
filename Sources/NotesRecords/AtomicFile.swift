import Foundation

#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// The one way `notes` replaces a file: readers see the old content or the new, never a
/// half-written file.
package enum AtomicFile {
    /// Writes `bytes` to a temporary file in the same folder (creating the folder), syncs it, and
    /// renames it over `url`.
    ///
    /// `rename(2)` within one file system is atomic, so an interrupted write leaves the previous file
    /// intact and at most a stray temporary file (removed on failure; see ``isLeftover(_:)``).
    package static func write(_ bytes: some Collection<UInt8>, to url: URL) throws(POSIXFailure) {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw POSIXFailure(call: "mkdir", path: folder.path, code: EACCES)
        }
        let temporary = temporaryURL(for: url)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXFailure(call: "open", path: temporary.path) }
        var closed = false
        defer { if !closed { close(descriptor) } }
        do throws(POSIXFailure) {
            let bytes = Array(bytes)
            var written = 0
            while written < bytes.count {
                let result = bytes[written...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
                if result < 0, errno == EINTR { continue }
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

    /// Writes and syncs `bytes` to the new file `temporary` in `folder` (created if needed), without
    /// renaming it: for writers that move several files into place together (``RunFiles``).
    package static func writeUnrenamed(_ bytes: some Collection<UInt8>, to temporary: URL, folder: URL) throws(POSIXFailure) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw POSIXFailure(call: "mkdir", path: folder.path, code: EACCES)
        }
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXFailure(call: "open", path: temporary.path) }
        defer { close(descriptor) }
        let bytes = Array(bytes)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else {
                let failure = POSIXFailure(call: "write", path: temporary.path)
                unlink(temporary.path)
                throw failure
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            let failure = POSIXFailure(call: "fsync", path: temporary.path)
            unlink(temporary.path)
            throw failure
        }
    }

    /// Writes `text` as UTF-8.
    package static func write(_ text: String, to url: URL) throws(POSIXFailure) {
        try write(Array(text.utf8), to: url)
    }

    /// `.<name>.<pid>.<random>.tmp` beside `url`: hidden, so watchers and globs skip it, and
    /// recognisable, so ``isLeftover(_:)`` can clean up after a process that died mid-write.
    package static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
    }

    /// Whether `name` is a temporary file of ``write(_:to:)`` whose writer is no longer running.
    package static func isLeftover(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropLast(4).split(separator: ".")
        guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]) else { return false }
        return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
    }
}

/// A failed system call, with `errno` turned into words.
package struct POSIXFailure: Error, CustomStringConvertible {
    package let call: String
    package let path: String
    package let code: Int32

    /// The failure of `call` on `path`, with the current `errno` unless `code` is given.
    package init(call: String, path: String, code: Int32 = errno) {
        self.call = call
        self.path = path
        self.code = code
    }

    package var description: String { "\(call)(\(path)): \(String(cString: strerror(code)))" }
}
