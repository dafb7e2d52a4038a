import Foundation

// Paths and builders the bad-input cases share. A case mostly adds a note `content/01-x/` beside the
// seed note (so the previous site/ is the seed's), whose front matter is two lines:
//
//   1 ---
//   2 title: X
//   3 date: 2026-01-01
//   4 ---
//   5
//   6 <first line of the body>
enum Corpus {
    static let seedDir = "content/03-do-it-all-at-once"
    static let seed = "content/03-do-it-all-at-once/note.md"
    static let seedListing = "content/03-do-it-all-at-once/parallel_tools.py"
    static let seedTranscript = "content/03-do-it-all-at-once/runs/parallel_tools.transcript.json"
    static let seedCassette = "content/03-do-it-all-at-once/runs/parallel_tools.cassette.json"
    /// Where the seed's runnable listing fence is (`notes check` reports stored-run problems there).
    static let seedListingFence = "content/03-do-it-all-at-once/note.md:59:1"
    static let xDir = "content/01-x"
    static let x = "content/01-x/note.md"
    static let front = "---\ntitle: X\ndate: 2026-01-01\n---\n\n"

    /// `content/01-x/note.md` with the two-line front matter and `body` from line 6.
    static func xNote(_ body: String) -> ProjectEdit { .write(x, front + body) }

    /// `content/01-x/note.md` with the given front matter fields (from line 2) and a short body.
    static func xFront(_ fields: String) -> ProjectEdit { .write(x, "---\n\(fields)\n---\n\nBody.\n") }

    /// A file in the note's folder.
    static func xFile(_ name: String, _ text: String) -> ProjectEdit { .write("\(xDir)/\(name)", text) }

    /// The bytes of `text` with `bytes` inserted before the first occurrence of `marker`.
    static func inserting(_ bytes: [UInt8], before marker: String, in text: String) -> Data {
        var data = Data(text.utf8)
        let range = data.range(of: Data(marker.utf8))!
        data.insert(contentsOf: bytes, at: range.lowerBound)
        return data
    }

    /// Edits the seed transcript as JSON.
    static func transcript(_ change: @escaping @Sendable (inout [String: Any]) -> Void) -> ProjectEdit {
        .transform(seedTranscript) { data in
            var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            change(&object)
            return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        }
    }

    /// The first `count` bytes of a file: a write cut short.
    static func truncate(_ path: String, to count: Int) -> ProjectEdit {
        .transform(path) { $0.prefix(count) }
    }
}

extension ProjectEdit {
    /// `content/01-x/note.md` with the two-line front matter and `body` from line 6.
    static func xNote(_ body: String) -> ProjectEdit { Corpus.xNote(body) }
    /// `content/01-x/note.md` with these front matter fields from line 2.
    static func xFront(_ fields: String) -> ProjectEdit { Corpus.xFront(fields) }
}
