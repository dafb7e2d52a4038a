#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
    private let systemRead = Darwin.read
#endif

/// Small POSIX file helpers for the output writer, where Foundation's per-call overhead shows.
package enum FileContents {
    /// Whether the regular file at `path` holds exactly `bytes`.
    static func matches(_ bytes: [UInt8], at path: String) -> Bool {
        read(path, expectedSize: bytes.count) == bytes
    }

    /// The bytes of the regular file at `path`; nil when it cannot be read, is not a regular file,
    /// or (when `expectedSize` is given) is not that size, or is larger than `limit`; sizes are found
    /// without reading.
    static func read(_ path: String, expectedSize: Int? = nil, limit: Int = .max) -> [UInt8]? {
        // Non-blocking, so that a named pipe where a file was expected is not waited on.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(status.st_size)
        if let expectedSize, size != expectedSize { return nil }
        guard size <= limit else { return nil }
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var offset = 0
            while offset < size {
                let got = systemRead(fd, buffer.baseAddress! + offset, size - offset)
                if got < 0, errno == EINTR { continue }
                if got <= 0 { break }
                offset += got
            }
            complete = offset == size
            initialized = offset
        }
        return complete ? bytes : nil
    }

    /// Writes all of `bytes` to `fd`, retrying short writes; false on failure (see `errno`).
    static func write(_ bytes: some Collection<UInt8>, to fd: Int32) -> Bool {
        if let written = bytes.withContiguousStorageIfAvailable({ write(UnsafeRawBufferPointer($0), to: fd) }) { return written }
        return write(Array(bytes), to: fd)
    }

    /// Writes all of `buffer` to `fd`, retrying short writes; false on failure (see `errno`).
    static func write(_ buffer: UnsafeRawBufferPointer, to fd: Int32) -> Bool {
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

    /// Calls `visit` with the name of each entry of `folder` ("." and ".." left out) and whether it is
    /// a folder: nil when the file system does not say (a symbolic link, or no type given), so that
    /// the caller looks if it matters. False when the folder cannot be read.
    ///
    /// - Parameter status: called first with the folder's own status, taken before any entry is read
    ///   (a change while reading then makes the folder newer than this).
    package static func list(
        _ folder: String, status: ((stat) -> Void)? = nil, _ visit: (_ name: String, _ isFolder: Bool?) -> Void
    ) -> Bool {
        guard let handle = opendir(folder) else { return false }
        defer { closedir(handle) }
        if let status {
            var folderStatus = stat()
            guard fstat(dirfd(handle), &folderStatus) == 0 else { return false }
            status(folderStatus)
        }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            switch entry.pointee.d_type {
            case UInt8(DT_DIR): visit(name, true)
            case UInt8(DT_LNK), UInt8(DT_UNKNOWN): visit(name, nil)
            default: visit(name, false)
            }
        }
        return true
    }

    /// Whether `path` is a folder itself, not a symbolic link to one (links are not followed).
    package static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Visits every entry under `root` (relative paths, parents first, names sorted), descending into
    /// a folder only when `visit` returns true for it. Uses `readdir`'s types, so no `stat` per entry.
    ///
    /// - Parameter entered: called with each folder read (`root` itself as "") and its status, taken
    ///   before its entries.
    /// - Returns: false when a folder could not be read (its entries are then missing).
    @discardableResult
    static func walk(
        _ root: String, entered: ((_ path: String, _ status: stat) -> Void)? = nil, _ visit: (_ path: String, _ isFolder: Bool) -> Bool
    ) -> Bool {
        func walk(_ relative: String) -> Bool {
            let folder = relative.isEmpty ? root : root + "/" + relative
            var entries: [(String, Bool)] = []
            let listed = list(
                folder, status: entered.map { entered in { entered(relative, $0) } },
                { name, isFolder in entries.append((name, isFolder ?? Self.isFolder(folder + "/" + name))) })
            var complete = listed
            for (name, isFolder) in entries.sorted(by: { $0.0 < $1.0 }) {
                let path = relative.isEmpty ? name : relative + "/" + name
                if visit(path, isFolder), isFolder, !walk(path) { complete = false }
            }
            return complete
        }
        return walk("")
    }
}
