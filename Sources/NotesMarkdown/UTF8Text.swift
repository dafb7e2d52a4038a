import NotesDiagnostics

/// Text files as `notes` reads them: UTF-8, or an error at the first byte that is not.
package enum UTF8Text {
    /// The text of `bytes` (a file shown as `path`), or a diagnostic at the line and column of its
    /// first byte that is not UTF-8. A byte order mark is kept; callers skip it where it matters.
    package static func decode(_ bytes: some Collection<UInt8>, path: String) -> Result<String, Diagnostic> {
        let bytes = Array(bytes)
        if looksLikeUTF16(bytes) {
            return .failure(
                Diagnostic(
                    at: SourceLocation(path: path, line: 1, column: 1), "the file is UTF-16 (or binary), not UTF-8 text",
                    help: "save it as UTF-8"))
        }
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        return .failure(
            Diagnostic(
                at: firstInvalidByte(in: bytes, path: path), "the file is not UTF-8 text",
                help: "save it as UTF-8 (the byte here is not part of a UTF-8 character)"))
    }

    /// Whether `bytes` are UTF-16: a UTF-16 byte order mark, or the zero byte beside every ASCII
    /// letter that UTF-16 text without a mark has. A stray zero byte in UTF-8 text is not enough:
    /// that text decodes, and the Markdown stage reports the character where it is.
    static func looksLikeUTF16(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return true }
        let head = bytes.prefix(512)
        guard head.count >= 4 else { return false }
        let zeros = head.count(where: { $0 == 0 })
        return zeros * 3 >= head.count
    }

    /// Where the first byte that does not decode is.
    static func firstInvalidByte(in bytes: [UInt8], path: String) -> SourceLocation {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        var lineStart = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                if scalar.count == 1, scalar.first == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = offset + 1
                }
                offset += scalar.count
            case .error:
                return SourceLocation(path: path, line: line, column: offset - lineStart + 1)
            case .emptyInput:
                return SourceLocation(path: path, line: line, column: offset - lineStart + 1)
            }
        }
    }
}
