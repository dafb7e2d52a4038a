/// Gives headings stable, unique ids derived from their text ("What it actually is" -> `what-it-actually-is`).
///
/// The same text always gives the same id, so links to a section survive rebuilds; a repeated heading
/// gets `-1`, `-2`, ... as on GitHub.
package struct HeadingIDs {
    private var used: [String: Int] = [:]

    package init() {}

    /// The id for a heading with this plain text, unique within the page.
    package mutating func id(for text: String) -> String {
        let base = Self.slug(text)
        guard let count = used[base] else {
            used[base] = 0
            return base
        }
        var next = count + 1
        while used["\(base)-\(next)"] != nil { next += 1 }
        used[base] = next
        used["\(base)-\(next)"] = 0
        return "\(base)-\(next)"
    }

    /// Lowercase letters and digits joined by single hyphens; `section` when nothing is left.
    package static func slug(_ text: String) -> String {
        if let ascii = asciiSlug(text) { return ascii }
        var slug = ""
        var pendingHyphen = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "_" {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.append(character)
            } else if character == "’" || character == "'" {
                continue  // "it’s" -> "its", as readers would type it
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// The same slug for ASCII text, byte by byte: lists compute one per tag per note, and the
    /// `Character` path costs a microsecond each.
    private static func asciiSlug(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            let lower = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
            if (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) || lower == 0x5F {
                if pendingHyphen, !bytes.isEmpty { bytes.append(0x2D) }
                pendingHyphen = false
                bytes.append(lower)
            } else if lower == 0x27 {
                continue
            } else {
                pendingHyphen = true
            }
        }
        return bytes.isEmpty ? "section" : String(decoding: bytes, as: UTF8.self)
    }
}
