import NotesMarkdown

extension NoteDate {
    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// "26 April 2026", as the note pages print it.
    package var displayText: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }

    /// Midnight UTC in RFC 3339, for the feed (`2026-04-26T00:00:00Z`).
    package var rfc3339: String { "\(description)T00:00:00Z" }
}
