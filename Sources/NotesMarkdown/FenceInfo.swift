import NotesDiagnostics

/// The info string of a fenced code block: a language, then attributes.
///
/// ```` ```python file=parallel_tools.py caption="A ReAct loop" run ````
/// has language `python`, attributes `file`, `caption` and the flag `run`.
/// Each attribute keeps its column so that an error can point at it.
package struct FenceInfo: Hashable, Sendable {
    /// One `key=value`, `key="quoted value"` or bare `flag` (whose value is empty).
    package struct Attribute: Hashable, Sendable {
        package var key: String
        package var value: String
        /// Where the key starts.
        package var location: SourceLocation

        package init(key: String, value: String, location: SourceLocation) {
            self.key = key
            self.value = value
            self.location = location
        }
    }

    /// The first word, lowercased; empty when there is none.
    package var language: String
    /// Attributes in the order written.
    package var attributes: [Attribute]
    /// Where the info string starts (the fence line when it is empty).
    package var location: SourceLocation
    /// Set when a quoted value has no closing quote.
    package var unterminatedQuoteAt: SourceLocation?

    package init(language: String, attributes: [Attribute], location: SourceLocation, unterminatedQuoteAt: SourceLocation? = nil) {
        self.language = language
        self.attributes = attributes
        self.location = location
        self.unterminatedQuoteAt = unterminatedQuoteAt
    }

    /// The value of the first attribute named `key`.
    package subscript(key: String) -> String? {
        attributes.first { $0.key == key }?.value
    }

    /// The attribute named `key`, with its location.
    package func attribute(_ key: String) -> Attribute? {
        attributes.first { $0.key == key }
    }
}

extension FenceInfo {
    /// Parses an info string that starts at `location` (the column of its first character).
    ///
    /// Quoted values may use `"` or `'` and backslash-escape the quote.
    package init(parsing info: some StringProtocol, at location: SourceLocation) {
        let bytes = Array(info.utf8)
        var index = 0
        var language = ""
        var attributes: [Attribute] = []
        var unterminated: SourceLocation?
        var isFirstWord = true

        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        func string(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }

        while index < bytes.count {
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { break }
            let start = index
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "=") { index += 1 }
            let key = string(bytes[start..<index])
            let keyLocation = location.at(column: location.column + start)
            defer { isFirstWord = false }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                // A bare word: the language when first, else a flag.
                if isFirstWord {
                    language = key.lowercased()
                } else {
                    attributes.append(Attribute(key: key, value: "", location: keyLocation))
                }
                continue
            }
            index += 1  // "="
            var value: [UInt8] = []
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                let quote = bytes[index]
                let quoteColumn = location.column + index
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\\"), index + 1 < bytes.count,
                        bytes[index + 1] == quote || bytes[index + 1] == UInt8(ascii: "\\")
                    {
                        value.append(bytes[index + 1])
                        index += 2
                        continue
                    }
                    index += 1
                    if byte == quote {
                        closed = true
                        break
                    }
                    value.append(byte)
                }
                if !closed, unterminated == nil { unterminated = location.at(column: quoteColumn) }
            } else {
                while index < bytes.count, !isSpace(bytes[index]) {
                    value.append(bytes[index])
                    index += 1
                }
            }
            attributes.append(Attribute(key: key, value: String(decoding: value, as: UTF8.self), location: keyLocation))
        }
        self.init(language: language, attributes: attributes, location: location, unterminatedQuoteAt: unterminated)
    }
}

// MARK: - Roles

/// What a fenced block stands for on the page.
package enum FenceRole: Hashable, Sendable {
    /// Code shown as a numbered listing: it names a `file` or has a `caption`.
    case listing
    /// A numbered figure: a diagram language (``FenceInfo/diagramLanguages``) or the `figure` flag.
    case figure
    /// Plain highlighted code.
    case code
}

extension FenceInfo {
    /// Languages whose fences are drawn as diagrams at build time.
    package static let diagramLanguages: Set<String> = ["lanes", "turn"]

    /// How the page shows this fence.
    package var role: FenceRole {
        if Self.diagramLanguages.contains(language) || attribute("figure") != nil { return .figure }
        // `run`, `tools` and `args` only make sense on a listing: a fence with them is one (and is
        // then told it needs a file), never silently plain code.
        if ["file", "caption", "run", "tools", "args"].contains(where: { attribute($0) != nil }) { return .listing }
        return .code
    }
}
