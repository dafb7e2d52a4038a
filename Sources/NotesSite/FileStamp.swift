#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `stat` says about a file, enough to tell that it changed without reading it: size,
/// modification time to the nanosecond, and inode (an editor's save-by-rename makes a new one).
package struct FileStamp: Hashable, Sendable {
    package var size: Int64
    package var modifiedSeconds: Int64
    package var modifiedNanoseconds: Int64
    package var inode: UInt64

    package init(size: Int64, modifiedSeconds: Int64, modifiedNanoseconds: Int64, inode: UInt64) {
        self.size = size
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }

    init(_ status: stat) {
        #if canImport(Darwin)
            let modified = status.st_mtimespec
        #else
            let modified = status.st_mtim
        #endif
        self.init(
            size: Int64(status.st_size), modifiedSeconds: Int64(modified.tv_sec), modifiedNanoseconds: Int64(modified.tv_nsec),
            inode: UInt64(status.st_ino))
    }

    /// The stamp of the file at `path` (symbolic links followed); nil when there is none.
    package static func of(_ path: String) -> FileStamp? {
        var status = stat()
        return stat(path, &status) == 0 ? FileStamp(status) : nil
    }

    /// The stamp of the open file `fd`.
    static func of(descriptor fd: Int32) -> FileStamp? {
        var status = stat()
        return fstat(fd, &status) == 0 ? FileStamp(status) : nil
    }
}

/// One number standing for every file in a note's folder: names, sizes, modification times and
/// inodes, hidden files left out. Any save, added or removed file changes it; reading no file.
///
/// A note's page depends only on its folder (listings, images and runs outside it are refused), the
/// site settings and the templates, so an unchanged stamp means an unchanged page.
///
/// File systems keep modification times at the kernel's coarse clock (a few milliseconds), so two
/// saves of the same size in one tick look alike. As git does with its index, a folder holding a file
/// modified in the last ``racyWindow`` gets the stamp ``unknown``, which matches nothing: the note is
/// read again by the next build too.
package enum FolderStamp {
    /// The stamp that never matches: the folder's files were too fresh to trust.
    package static let unknown: UInt64 = 0

    /// How recent a modification must be to be distrusted, in nanoseconds.
    static let racyWindow: Int64 = 100_000_000

    /// The stamp of `folder` (an absolute path), walking its subfolders (`runs/`).
    package static func of(_ folder: String) -> UInt64 {
        var hash = FNV1a()
        var newest: Int64 = 0
        FileContents.walk(folder) { path, isFolder in
            guard !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { return false }
            hash.add(path)
            if !isFolder, let stamp = FileStamp.of(folder + "/" + path) {
                hash.add(stamp.size)
                hash.add(stamp.modifiedSeconds)
                hash.add(stamp.modifiedNanoseconds)
                hash.add(Int64(bitPattern: stamp.inode))
                newest = max(newest, stamp.modifiedSeconds &* 1_000_000_000 &+ stamp.modifiedNanoseconds)
            }
            return isFolder
        }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        if Int64(now.tv_sec) &* 1_000_000_000 &+ Int64(now.tv_nsec) - newest < racyWindow { return unknown }
        return hash.value == unknown ? 1 : hash.value
    }
}

/// 64-bit FNV-1a: a fast hash for change detection (not for security).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: some Sequence<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ add(buffer: UnsafeRawBufferPointer($0)) }) != nil { return }
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x100_0000_01b3
        }
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(buffer: UnsafeRawBufferPointer($0)) }
        withUnsafeBytes(of: UInt8(0)) { add(buffer: $0) }  // ends the string: "ab","c" is not "a","bc"
    }

    mutating func add(_ number: Int64) {
        withUnsafeBytes(of: number.littleEndian) { add(buffer: $0) }
    }

    private mutating func add(buffer: UnsafeRawBufferPointer) {
        var hash = value
        for byte in buffer {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        value = hash
    }
}
