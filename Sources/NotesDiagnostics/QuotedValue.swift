extension StringProtocol {
    /// The text in double quotes, fit for one line of a diagnostic (see `escapedForDiagnostic`).
    package func quotedForDiagnostic(limit: Int = 60) -> String {
        "\"" + escapedForDiagnostic(limit: limit) + "\""
    }

    /// The text fit for one line of a diagnostic: line breaks, tabs and other control characters are
    /// written as escapes (`\n`, `\t`, `\u{1B}`) and text past `limit` characters is cut with `…`.
    ///
    /// A diagnostic is one line an editor or CI log can point at (`path:line:col: error: …`); a value
    /// or key the author wrote (a YAML block scalar, a quoted `"a\nb"` key) must not break it across lines.
    package func escapedForDiagnostic(limit: Int = 60) -> String {
        var text = ""
        for (count, character) in self.enumerated() {
            if count == limit {
                text += "…"
                break
            }
            switch character {
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\r\n": text += "\\r\\n"
            case "\t": text += "\\t"
            default:
                guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                    scalar.properties.generalCategory == .control
                else {
                    text.append(character)
                    continue
                }
                text += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return text
    }
}
