/// What a reserved word means to the lexer that looks it up.
enum WordKind: UInt8, Sendable {
    /// Always a keyword.
    case keyword
    /// A keyword only where it is used as one (Swift `get`, `open`; Python `match`, `case`).
    case contextual
    /// `True`, `nil`, `null`, ...
    case literal
    /// A builtin function or command.
    case builtin
    /// A keyword whose next name is a function (`def`, `func`, shell `function`).
    case declaresFunction
    /// A keyword whose next name is a type (`class`, `struct`, `enum`, `protocol`).
    case declaresType
    /// A shell keyword after which a later `in` is a keyword (`for`, `case`, `select`).
    case expectsIn
}

/// A fixed set of words, looked up straight from the listing's bytes without making a `String`.
///
/// Open addressing over a hash of the length and three bytes, so a lookup costs the same however long
/// the identifier, plus one byte comparison. Built once per `SyntaxHighlighter` (a value its owner
/// keeps) rather than cached in a static.
struct KeywordTable: Sendable {
    private struct Slot: Sendable {
        var offset: Int32 = -1
        var length: UInt8 = 0
        var kind: WordKind = .keyword
    }

    /// Every word, back to back.
    private var text: [UInt8] = []
    private var slots: [Slot]
    private var mask: Int
    private var minLength = Int.max
    private var maxLength = 0

    /// A table of space-separated words per kind; when a word repeats, its first kind wins.
    init(_ groups: [(WordKind, String)]) {
        // Splitting bytes by hand, not `String.split`, keeps building every table to a few µs.
        let count = groups.reduce(0) { $0 + $1.1.utf8.reduce(1) { $1 == 0x20 ? $0 + 1 : $0 } }
        // A load factor under 1/4 keeps probe chains to about one slot.
        var capacity = 16
        while capacity < count * 4 { capacity *= 2 }
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
        var word: [UInt8] = []
        for (kind, list) in groups {
            for byte in list.utf8 {
                if byte != 0x20, byte != 0x0A {
                    word.append(byte)
                } else if !word.isEmpty {
                    insert(word, kind)
                    word.removeAll(keepingCapacity: true)
                }
            }
            if !word.isEmpty { insert(word, kind) }
            word.removeAll(keepingCapacity: true)
        }
    }

    /// The kind of `bytes[start..<end]`, or nil when it is not in the table.
    @inline(__always)
    func kind(of bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> WordKind? {
        let length = end - start
        guard length >= minLength, length <= maxLength else { return nil }
        var index = Self.hash(length, bytes[start], bytes[start + length / 2], bytes[end - 1]) & mask
        while true {
            let slot = slots[index]
            if slot.offset < 0 { return nil }
            if Int(slot.length) == length, equals(bytes, start, length, at: Int(slot.offset)) { return slot.kind }
            index = (index + 1) & mask
        }
    }

    // MARK: - Building

    private mutating func insert(_ word: [UInt8], _ kind: WordKind) {
        guard !word.isEmpty, word.count < 256 else { return }
        let found = word.withUnsafeBufferPointer { self.kind(of: $0, from: 0, to: word.count) }
        guard found == nil else { return }
        var index = Self.hash(word.count, word[0], word[word.count / 2], word[word.count - 1]) & mask
        while slots[index].offset >= 0 { index = (index + 1) & mask }
        slots[index] = Slot(offset: Int32(text.count), length: UInt8(word.count), kind: kind)
        text.append(contentsOf: word)
        minLength = min(minLength, word.count)
        maxLength = max(maxLength, word.count)
    }

    @inline(__always)
    private static func hash(_ length: Int, _ first: UInt8, _ middle: UInt8, _ last: UInt8) -> Int {
        var hash = UInt32(truncatingIfNeeded: length) &* 0x9E37_79B1
        hash ^= UInt32(first) &* 0x85EB_CA77
        hash ^= UInt32(middle) &* 0xC2B2_AE3D
        hash ^= UInt32(last) &* 0x27D4_EB2F
        return Int(hash ^ hash >> 15)
    }

    @inline(__always)
    private func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int, at offset: Int) -> Bool {
        for index in 0..<length where bytes[start + index] != text[offset + index] { return false }
        return true
    }
}
