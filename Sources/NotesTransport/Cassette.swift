import Foundation
import NotesDiagnostics
import NotesRecords

/// Everything one program run said to the engine and heard back, as a HAR 1.2 file.
///
/// The file is `{"log": {"version": "1.2", "entries": [...], "_notes": {...}}}`: pretty-printed,
/// the envelope's keys sorted, bodies as JSON in their wire order (see `docs/transport.md`).
/// Re-recording the same exchanges gives the same file apart from timings and dates.
package struct Cassette: Sendable, Hashable {
    /// The format this build reads and writes; files with a larger number are refused.
    package static let formatVersion = 1

    /// Whether the exchanges really happened or were written by hand from a published transcript.
    package enum Provenance: String, Sendable, Hashable {
        case recorded, reconstructed
    }

    /// Facts about the recording as a whole.
    package struct Metadata: Sendable, Hashable {
        /// The format version the file was written in.
        package var formatVersion: Int
        /// Wall-clock time at the start of the recording; replays pin the program's clock to it.
        package var recordedAt: Date
        /// The engine's base URL (`https://api.anthropic.com`).
        package var engine: String
        /// The client's `User-Agent` (`Anthropic/Python 2.10.0`), when one was seen.
        package var client: String?
        /// The `notes` version that wrote the file.
        package var toolVersion: String
        /// Whether it happened or was written by hand.
        package var provenance: Provenance
        /// A free note about the recording.
        package var comment: String?

        /// Creates metadata in the current format.
        package init(
            recordedAt: Date, engine: String, client: String? = nil, toolVersion: String,
            provenance: Provenance = .recorded, comment: String? = nil
        ) {
            self.formatVersion = Cassette.formatVersion
            self.recordedAt = recordedAt
            self.engine = engine
            self.client = client
            self.toolVersion = toolVersion
            self.provenance = provenance
            self.comment = comment
        }
    }

    /// Facts about the recording as a whole.
    package var metadata: Metadata
    /// Exchanges in the order their requests arrived.
    package var entries: [CassetteEntry]

    /// Creates a cassette.
    package init(metadata: Metadata, entries: [CassetteEntry] = []) {
        self.metadata = metadata
        self.entries = entries
    }

    /// Milliseconds from ``Metadata/recordedAt`` to the start of `entry`.
    package func offset(of entry: CassetteEntry) -> Int {
        Int((entry.startedDateTime.timeIntervalSince(metadata.recordedAt) * 1000).rounded())
    }
}

// MARK: - Files

extension Cassette {
    /// Reads a cassette file.
    package static func load(from url: URL) throws -> Cassette {
        let path = displayPath(url)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TransportError(
                .cassetteMissing, at: SourceLocation(path: path), "cassette not found",
                help: "record it first with `notes exec --record --cassette \(path) -- ...`")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TransportError(
                .cassetteUnreadable, at: SourceLocation(path: path), "cannot read the cassette",
                help: "check the file's permissions", reasons: [String(describing: error)])
        }
        return try Cassette(decoding: Array(data), path: path)
    }

    /// The file's bytes: pretty JSON with a final newline.
    package func encoded() -> [UInt8] {
        harValue.serialized(.pretty) + [0x0A]
    }

    /// Writes the file atomically: a temporary file beside it, flushed, then renamed over it.
    ///
    /// Fails closed: if any of `secrets` appears anywhere in the bytes (or in a binary body), nothing
    /// is written and the previous file stays as it was.
    package func save(to url: URL, forbidding secrets: [String] = []) throws {
        let path = displayPath(url)
        let bytes = encoded()
        for secret in secrets where !secret.isEmpty && containsSecret(secret, in: bytes) {
            throw TransportError(
                .keyInCassette, at: SourceLocation(path: path),
                "the engine key would have been written to the cassette; nothing was written",
                help: "the key reached a body in a form redaction cannot scrub; check what the program sends")
        }
        do {
            try AtomicFile.write(bytes, to: url)
        } catch {
            throw TransportError(
                .writeFailed, at: SourceLocation(path: path), "cannot write the cassette; the previous one is intact",
                help: "check that the folder exists and is writable", reasons: [String(describing: error)])
        }
    }

    private func containsSecret(_ secret: String, in bytes: [UInt8]) -> Bool {
        let needle = Array(secret.utf8)
        if bytes.contains(subsequence: needle) { return true }
        // Base64 hides bytes from the search above; look inside binary bodies too.
        return entries.contains { entry in
            [entry.request.body, entry.response.body].contains { body in
                if case .binary(let data) = body { return data.contains(subsequence: needle) }
                return false
            }
        }
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs as a contiguous run.
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        let first = needle[0]
        var index = 0
        while index <= count - needle.count {
            if self[index] == first, self[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}

/// A path as an author would type it: relative to the working directory when inside it.
func displayPath(_ url: URL) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    let path = url.standardizedFileURL.path
    return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
}
