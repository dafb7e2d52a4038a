/// Escaping for text and attribute values in HTML and XML.
///
/// Works on UTF-8 bytes and copies runs that need no escaping in one go, because every page
/// escapes its whole body text and listings.
package enum HTMLEscaping {
    /// Appends `text` to `output`, escaping `&`, `<`, `>` and `"` (enough for text and double-quoted attributes).
    package static func append(_ text: some StringProtocol, to output: inout String) {
        var text = String(text)
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                default: continue
                }
                if runStart < index {
                    output += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self)
                }
                output += replacement.description
                runStart = index + 1
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
