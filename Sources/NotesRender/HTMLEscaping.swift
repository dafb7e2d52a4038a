/// Escaping for text and attribute values in HTML and XML.
///
/// Works on UTF-8 bytes and copies runs that need no escaping in one go, because every page
/// escapes its whole body text and listings.
package enum HTMLEscaping {
    /// Appends `text` to `output`, escaping `&`, `<`, `>` and `"` (enough for text and double-quoted
    /// attributes) and dropping control characters other than tab and line breaks (C0, DEL and C1),
    /// which HTML and XML do not allow: a listing's stray ESC or NUL never reaches a page or a feed.
    package static func append(_ text: some StringProtocol, to output: inout String) {
        var text = String(text)
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let replacement: StaticString
                var width = 1
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case 0x09, 0x0A, 0x0D:
                    index += 1
                    continue
                case 0x00..<0x20, 0x7F: replacement = ""
                case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                    replacement = ""
                    width = 2
                default:
                    index += 1
                    continue
                }
                if runStart < index {
                    output += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self)
                }
                output += replacement.description
                index += width
                runStart = index
            }
            if runStart == 0 {
                output += String(decoding: bytes, as: UTF8.self)
            } else if runStart < bytes.count {
                output += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart...]), as: UTF8.self)
            }
        }
    }

    /// `text` escaped for HTML text or a double-quoted attribute.
    package static func escape(_ text: some StringProtocol) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        append(text, to: &output)
        return output
    }
}
