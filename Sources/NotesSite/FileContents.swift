#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// Small POSIX file helpers for the output writer, where Foundation's per-call overhead shows.
enum FileContents {
    /// Whether the regular file at `path` holds exactly `bytes`.
    static func matches(_ bytes: [UInt8], at path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) == bytes.count else {
            return false
        }
        var existing = [UInt8](repeating: 0, count: bytes.count)
        let count = existing.withUnsafeMutableBytes { buffer -> Int in
            var offset = 0
            while offset < buffer.count {
                let got = read(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if got < 0, errno == EINTR { continue }
                if got <= 0 { break }
                offset += got
            }
            return offset
        }
        return count == bytes.count && existing == bytes
    }

    /// Writes all of `bytes` to `fd`, retrying short writes; false on failure (see `errno`).
    static func write(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Visits every entry under `root` (relative paths, parents first), descending into a folder
    /// only when `visit` returns true for it. Uses `readdir`'s types, so no `stat` per entry.
    static func walk(_ root: String, _ visit: (_ path: String, _ isFolder: Bool) -> Bool) {
        func walk(_ relative: String) {
            guard let folder = opendir(relative.isEmpty ? root : root + "/" + relative) else { return }
            defer { closedir(folder) }
            var entries: [(String, Bool)] = []
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                guard name != ".", name != ".." else { continue }
                var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {  // some file systems leave the type out
                    var status = stat()
                    let full = root + "/" + (relative.isEmpty ? name : relative + "/" + name)
                    isFolder = lstat(full, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
                }
                entries.append((name, isFolder))
            }
            for (name, isFolder) in entries.sorted(by: { $0.0 < $1.0 }) {
                let path = relative.isEmpty ? name : relative + "/" + name
                if visit(path, isFolder), isFolder { walk(path) }
            }
        }
        walk("")
    }
}
