/// Estimates how wide a label is drawn, from its character count.
///
/// The build cannot measure fonts (the reader's font is chosen by their browser), so widths are
/// estimated generously: 0.58 em per character is wider than common sans-serif text (DejaVu Sans,
/// one of the widest, averages about 0.52 em on these labels), which keeps a label that is judged
/// to fit inside a bar from spilling out of it.
enum TextMetrics {
    /// Average advance per character, in ems.
    static let emPerCharacter = 0.58

    /// The estimated width of `text` at `fontSize`.
    static func width(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * emPerCharacter
    }

    /// `text`, cut with an ellipsis so that it fits in `width` at `fontSize`.
    static func truncate(_ text: String, toFit width: Double, fontSize: Double) -> String {
        let capacity = Int(width / (fontSize * emPerCharacter))
        guard text.count > capacity else { return text }
        guard capacity > 1 else { return "" }
        return String(text.prefix(capacity - 1)) + "…"
    }
}
