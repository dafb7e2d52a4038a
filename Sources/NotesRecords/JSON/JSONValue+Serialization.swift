/// How to write JSON: compact or indented, with non-ASCII raw or escaped, keys as given or sorted.
package struct JSONFormat: Sendable, Hashable {
    /// Spaces per level; nil writes everything on one line with no spaces (the wire form).
    package var indent: Int?
    /// Writes characters beyond ASCII as `\uXXXX`, as Python's `json.dumps` does by default.
    package var escapesNonASCII: Bool
    /// Sorts every object's keys; only for canonical forms, never for stored bodies.
    package var sortsKeys: Bool

    /// Creates a format.
    package init(indent: Int? = nil, escapesNonASCII: Bool = false, sortsKeys: Bool = false) {
        self.indent = indent
        self.escapesNonASCII = escapesNonASCII
        self.sortsKeys = sortsKeys
    }

    /// One line, no spaces, keys as given: how the SDK and the engine write bodies.
    package static let compact = JSONFormat()
    /// Two-space indentation, keys as given: how cassettes are written.
    package static let pretty = JSONFormat(indent: 2)
}

extension JSONValue {
    /// The UTF-8 bytes of this value in `format`.
    package func serialized(_ format: JSONFormat = .compact) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(into: &output, format: format, level: 0)
        return output
    }

    /// This value as text in `format`.
    package func text(_ format: JSONFormat = .compact) -> String {
        String(decoding: serialized(format), as: UTF8.self)
    }

    /// The canonical text used to match requests: sorted keys, compact, later duplicates winning.
    package var canonicalText: String { canonical.text(.compact) }

    private func write(into output: inout [UInt8], format: JSONFormat, level: Int) {
        switch self {
        case .null: output.append(contentsOf: Array("null".utf8))
        case .bool(let value): output.append(contentsOf: Array((value ? "true" : "false").utf8))
        case .number(let text): output.append(contentsOf: Array(text.utf8))
        case .string(let text): Self.writeString(text, into: &output, escapesNonASCII: format.escapesNonASCII)
        case .array(let elements):
            writeContainer(elements, open: "[", close: "]", into: &output, format: format, level: level) { element, output in
                element.write(into: &output, format: format, level: level + 1)
            }
        case .object(let members):
            let ordered = format.sortsKeys ? Self.lastWins(members).sorted { $0.key < $1.key } : members
            writeContainer(ordered, open: "{", close: "}", into: &output, format: format, level: level) { member, output in
                Self.writeString(member.key, into: &output, escapesNonASCII: format.escapesNonASCII)
                output.append(UInt8(ascii: ":"))
                if format.indent != nil { output.append(UInt8(ascii: " ")) }
                member.value.write(into: &output, format: format, level: level + 1)
            }
        }
    }

    private func writeContainer<Element>(
        _ elements: [Element], open: Unicode.Scalar, close: Unicode.Scalar, into output: inout [UInt8],
        format: JSONFormat, level: Int, writeElement: (Element, inout [UInt8]) -> Void
    ) {
        output.append(UInt8(ascii: open))
        guard !elements.isEmpty else {
            output.append(UInt8(ascii: close))
            return
        }
        for (offset, element) in elements.enumerated() {
            if offset > 0 { output.append(UInt8(ascii: ",")) }
            if let indent = format.indent { Self.newline(into: &output, spaces: indent * (level + 1)) }
            writeElement(element, &output)
        }
        if let indent = format.indent { Self.newline(into: &output, spaces: indent * level) }
        output.append(UInt8(ascii: close))
    }

    private static func newline(into output: inout [UInt8], spaces: Int) {
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: spaces))
    }

    /// Escapes only what JSON requires (plus non-ASCII when asked), the way Python and the engine do,
    /// so that re-serialising a parsed body usually reproduces its bytes exactly.
    package static func writeString(_ text: String, into output: inout [UInt8], escapesNonASCII: Bool) {
        output.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append(contentsOf: [0x5C, 0x22])
            case "\\": output.append(contentsOf: [0x5C, 0x5C])
            case "\n": output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case "\r": output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case "\t": output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case "\u{08}": output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case "\u{0C}": output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case _ where scalar.value < 0x20: appendUnicodeEscape(UInt16(scalar.value), into: &output)
            case _ where scalar.value > 0x7F && escapesNonASCII:
                for unit in String(scalar).utf16 { appendUnicodeEscape(unit, into: &output) }
            case _ where scalar.value < 0x80: output.append(UInt8(scalar.value))
            default: UTF8.encode(scalar) { output.append($0) }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Parses `bytes` and returns the value with the format that writes them back byte for byte, if any.
    ///
    /// Bodies are stored as JSON only when nothing is lost; otherwise the cassette keeps their text.
    package static func faithful(_ bytes: [UInt8]) -> (value: JSONValue, escapesNonASCII: Bool)? {
        guard let value = try? JSONValue(parsing: bytes) else { return nil }
        if value.serialized(.compact) == bytes { return (value, false) }
        if value.serialized(JSONFormat(escapesNonASCII: true)) == bytes { return (value, true) }
        return nil
    }

    private static func appendUnicodeEscape(_ unit: UInt16, into output: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        output.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) { output.append(hex[Int(unit >> UInt16(shift)) & 0xF]) }
    }
}
