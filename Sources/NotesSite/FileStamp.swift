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

/// A fast 64-bit hash for change detection (not for security): FNV-1a's offset and prime, taken
/// eight bytes at a time, with a shift after each multiply so that every input bit reaches the low
/// bits too. Megabytes go through it on every build (the state file's checksum, list entries), where
/// byte-at-a-time FNV-1a showed.
struct ChangeHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: some Sequence<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ add(buffer: UnsafeRawBufferPointer($0)) }) != nil { return }
        let array = Array(bytes)
        array.withUnsafeBytes { add(buffer: $0) }
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(buffer: UnsafeRawBufferPointer($0)) }
        withUnsafeBytes(of: UInt8(0)) { add(buffer: $0) }  // ends the string: "ab","c" is not "a","bc"
    }

    mutating func add(_ number: Int64) {
        withUnsafeBytes(of: number.littleEndian) { add(buffer: $0) }
    }

    private static let prime: UInt64 = 0x100_0000_01b3

    private mutating func add(buffer: UnsafeRawBufferPointer) {
        var hash = value
        var offset = 0
        while offset + 8 <= buffer.count {
            hash = mix(hash ^ UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < buffer.count {
            var last: UInt64 = 0
            for index in offset..<buffer.count { last = last << 8 | UInt64(buffer[index]) }
            // The length of the tail goes in too: a short tail is not the same tail with zero bytes.
            hash = mix(hash ^ last ^ UInt64(buffer.count - offset) << 61)
        }
        value = hash
    }

    private func mix(_ hash: UInt64) -> UInt64 {
        let product = hash &* Self.prime
        return product ^ (product >> 29)
    }
}
