/// The bytes of a state file, shared by the records read from it (see ``RecordText``).
final class StateFileBytes: Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// A stretch of a state file's bytes, its checksum verified before any stretch is handed out.
struct StoredBytes: Sendable {
    let file: StateFileBytes
    let range: Range<Int>

    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        file.bytes[range].withUnsafeBufferPointer(body)
    }
}

/// A long text a record keeps (a list entry): a string, or the state file's bytes it was read from,
/// made into a string only when asked for.
///
/// A rebuild after one edit lists no note differently, so it never asks for the other notes' entries;
/// reading a thousand of them as strings (each checked to be UTF-8) was most of loading the state.
struct RecordText: Sendable {
    private enum Storage: Sendable {
        case string(String)
        case stored(StoredBytes)
    }

    private let storage: Storage

    init(_ string: String) { storage = .string(string) }

    init(_ stored: StoredBytes) { storage = .stored(stored) }

    var string: String {
        switch storage {
        case .string(let string): string
        case .stored(let stored): stored.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Calls `body` with the text's UTF-8 bytes, without making a string of stored ones.
    func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storage {
        case .string(var string): string.withUTF8(body)
        case .stored(let stored): stored.withUnsafeBufferPointer(body)
        }
    }
}
