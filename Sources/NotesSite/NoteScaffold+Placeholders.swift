import Foundation
import NotesDiagnostics
import NotesRender

extension NoteScaffold {
    /// The dek `notes new` writes, for the author to replace.
    static let dekPlaceholder = "One or two sentences under the title: what the reader will take away."
    /// The first sentence of the body `notes new` writes.
    static let bodyPlaceholder = "Write the note here, in CommonMark."
    /// The first sentence of the paragraph above the starter listing.
    static let listingIntroPlaceholder = "The listing below is a real file beside this note."
    /// The starter listing's caption.
    static let captionPlaceholder = "What this listing shows"
    /// From the starter Python listing's docstring.
    static let starterListingPlaceholder = "a starting point for this note's listing."

    /// The sentences `notes new` writes for the author to replace; none of them belongs in a
    /// published note.
    package static let placeholders = [
        dekPlaceholder, bodyPlaceholder, listingIntroPlaceholder, captionPlaceholder, starterListingPlaceholder,
    ]

    /// Where `text` still holds one of ``placeholders``: its line and column (1-based, the column
    /// in bytes like every location) and the sentence, in file order.
    package static func placeholders(in text: String) -> [(line: Int, column: Int, sentence: String)] {
        var found: [(line: Int, column: Int, sentence: String)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for sentence in placeholders {
                guard let range = line.range(of: sentence) else { continue }
                found.append((index + 1, line.utf8.distance(from: line.startIndex, to: range.lowerBound) + 1, sentence))
            }
        }
        return found
    }

    /// The placeholders `notes new` wrote that `note` (its `note.md` and its listing files) still
    /// holds, each a finding of `severity` at its place.
    package static func placeholderFindings(
        in note: LoadedNote, layout: ProjectLayout, severity: Diagnostic.Severity = .error
    ) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let source = FileManager.default.contents(atPath: note.folder.appendingPathComponent("note.md").path)
        for place in placeholders(in: source.map { String(decoding: $0, as: UTF8.self) } ?? "") {
            findings.append(
                Diagnostic(
                    severity, at: SourceLocation(path: note.displayPath, line: place.line, column: place.column),
                    "the placeholder `notes new` wrote is still here: \"\(excerpt(place.sentence))\"",
                    help: "replace it with the note's own words, or keep `draft: true` until the note is ready"))
        }
        for listing in note.elements.listings where !listing.fileName.isEmpty {
            let path = layout.display(note.folder.appendingPathComponent(listing.fileName))
            for place in placeholders(in: listing.code) {
                findings.append(
                    Diagnostic(
                        severity, at: SourceLocation(path: path, line: place.line, column: place.column),
                        "\(listing.fileName) is still the starter listing `notes new` wrote",
                        help: "write the note's own listing in \(listing.fileName) and record its run, or keep `draft: true` until "
                            + "the note is ready"))
            }
        }
        return findings
    }

    /// The sentence's first words, for a message.
    private static func excerpt(_ sentence: String) -> String {
        let words = sentence.split(separator: " ")
        return words.count <= 6 ? sentence : words.prefix(6).joined(separator: " ") + " …"
    }
}
