import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension BuildState {
    /// The state file of the build writing into `output`: `.<name>.cache` beside it, like the
    /// spare folder and the lock.
    package static func file(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).cache")
    }

    /// What this binary with these options writes into the state, and expects to read back: a state
    /// made by another build of `notes` or with other options starts a clean build.
    /// Messages keep the paths as the build printed them, so the folder they are relative to counts too.
    package static func engineKey(options: BuildOptions, layout: ProjectLayout) -> String {
        var key =
            "notes-build-state-5 drafts=\(options.includeDrafts) preview=\(options.preview) "
            + "runs-required=\(options.requiresRuns) messages-from=\(layout.displayBase.path)"
        #if os(Linux)
            let executable = "/proc/self/exe"
        #else
            let executable = CommandLine.arguments.first ?? ""
        #endif
        if let stamp = FileStamp.of(executable) {
            key += " binary=\(stamp.size)-\(stamp.modifiedSeconds).\(stamp.modifiedNanoseconds)-\(stamp.inode)"
        }
        return key
    }

    /// Reads the state the last build into `output` left, or an empty one when there is none or it
    /// does not fit `options`.
    package static func load(for output: URL, options: BuildOptions, layout: ProjectLayout) -> BuildState {
        let engine = engineKey(options: options, layout: layout)
        // A state file is megabytes at most (about 3.5 MB at 1,000 notes): a far larger one is not ours.
        guard let bytes = FileContents.read(file(for: output).path, limit: 1 << 30),
            let state = try? BuildState(decoding: bytes), state.engine == engine
        else { return BuildState(engine: engine) }
        return state
    }

    /// Writes the state beside `output`, over the old file in place (then cut to its new length).
    ///
    /// Not aside and renamed over, as `notes` writes what it must not lose: renaming over a file, or
    /// truncating one to nothing, makes ext4 write the new file to disk at once (its safeguard for
    /// replaced files, 4-5 ms here, a tenth of a rebuild), and this file is only a cache. A write
    /// torn by a crash, or read half-done by another build, fails the checksum: that build is then a
    /// clean one, never a wrong one. Not synced either, for the same reason.
    ///
    /// Whatever stands at that name and is not a regular file (a symbolic link a cloned project
    /// brought along, say) is removed first, never written through.
    package func save(for output: URL) {
        let path = Self.file(for: output).path
        var fd = Self.openRegularFile(path)
        if fd < 0, unlink(path) == 0 || errno == ENOENT { fd = Self.openRegularFile(path) }
        guard fd >= 0 else { return }
        defer { close(fd) }
        var length: off_t = 0
        let written = encode { chunk in
            defer { length += off_t(chunk.count) }
            return FileContents.write(chunk, to: fd)
        }
        // A failed write leaves a file whose checksum fails: the next build is a clean one.
        if written { _ = ftruncate(fd, length) }
    }

    /// Opens `path` for writing when it is a regular file or nothing (then created); -1 otherwise.
    private static func openRegularFile(_ path: String) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return -1 }
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            errno = EEXIST
            return -1
        }
        return fd
    }

    // MARK: - Bytes

    private static let magic = Array("NOTESBS2".utf8)

    /// The state as bytes: a magic, then the fields, then a ChangeHash checksum of everything before it.
    func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        _ = encode { chunk in
            bytes += chunk
            return true
        }
        return bytes
    }

    /// Hands ``encoded()``'s bytes to `write` a chunk at a time (megabytes of them: one buffer for all
    /// cost more in fresh pages than the writing); false when `write` failed.
    func encode(to write: (ArraySlice<UInt8>) -> Bool) -> Bool {
        withoutActuallyEscaping(write) { write in
            var out = StateWriter(flush: write)
            out.bytes += Self.magic
            out.string(engine)
            // Maps are written in their own order, not sorted: the reader makes maps of them again.
            out.int(notes.count)
            for record in notes.values { out.record(record) }
            out.stamps(published)
            out.stamps(spare)
            for files in [publishedFiles, spareFiles] {
                out.bool(files != nil)
                if let files { out.strings(Array(files)) }
            }
            return out.finish()
        }
    }

    /// Reads ``encoded()``'s bytes; throws on any damage.
    init(decoding bytes: [UInt8]) throws {
        guard bytes.count > Self.magic.count + 8, Array(bytes.prefix(Self.magic.count)) == Self.magic else {
            throw StateReader.Damaged()
        }
        var hash = ChangeHash()
        hash.add(bytes.dropLast(8))
        var tail = StateReader(file: StateFileBytes(bytes), position: bytes.count - 8)
        guard try tail.int() == Int(bitPattern: UInt(hash.value)) else { throw StateReader.Damaged() }
        var input = StateReader(file: StateFileBytes(bytes), position: Self.magic.count)
        self.init(engine: try input.string())
        let count = try input.count()
        notes.reserveCapacity(count)
        for _ in 0..<count {
            let record = try input.record()
            notes[record.slug] = record
        }
        published = try input.stamps()
        spare = try input.stamps()
        publishedFiles = try input.bool() ? Set(try input.strings()) : nil
        spareFiles = try input.bool() ? Set(try input.strings()) : nil
    }
}
