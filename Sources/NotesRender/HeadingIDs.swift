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
}
