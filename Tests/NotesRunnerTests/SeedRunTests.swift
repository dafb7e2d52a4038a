import Foundation
import NotesDiagnostics
import NotesRecords
import NotesRunner
import NotesTestSupport
import NotesTransport
import Testing

/// The seed article's listing, verbatim, replayed offline with the real SDK from its reconstructed
/// cassette, prints the article's run: the same thoughts, messages, actions and observations in the
/// same order, "Today's date is 2026-05-21" included.
@Suite struct SeedRunTests {
    @Test func theVerbatimListingPrintsTheArticlesRun() async throws {
        _ = try await PythonEnvironment(projectRoot: repositoryRoot()).prepare()
        let project = try TestProject(notes: ["03-do-it-all-at-once"])
        defer { project.remove() }
        try project.linkPythonEnvironment()
        let listing = RunnableListing(
            noteSlug: "03-do-it-all-at-once", noteFolder: project.root.appendingPathComponent("content/03-do-it-all-at-once"),
            file: "parallel_tools.py", language: "python", toolFunctions: ["run_tool"],
            location: .init(path: "content/03-do-it-all-at-once/note.md", line: 57, column: 1))
        let transcript = try await ListingRunner(projectRoot: project.root, toolVersion: "test")
            .run(listing, options: RunOptions(mode: .replay, pace: .fast, keepsResults: false)).transcript
        #expect(transcript.exit == .exited(0))
        #expect(transcript.cassette?.provenance == "reconstructed")

        let printed = transcript.output.lines.filter { $0.stream == "stdout" }.map(\.text)
        let article = try String(
            contentsOf: repositoryRoot().appendingPathComponent("Tests/NotesRunnerTests/Fixtures/article-run-output.txt"), encoding: .utf8
        )
        .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(printed.contains("  You are a personal assistant who manages the user's calendar. Today's date is 2026-05-21."))
        #expect(printed.count == article.count)

        // The article's block differs from what the code prints in exactly two ways, undone here:
        // its rule lines have one more "─" (60 characters, the code prints 59), and its last label is
        // "FINAL" where the code prints "STEP FINAL". It also dropped trailing spaces (the two-space
        // indent show() puts on a blank line of a body), which only whitespace-insensitive comparison
        // can see past. Anything else is a real difference and fails.
        let trailing = { (line: String) in String(line.reversed().drop { $0 == " " }.reversed()) }
        let asPublished = printed.map { trailing(Self.articleForm($0)) }
        for (index, (code, published)) in zip(asPublished, article).enumerated() where code != published {
            Issue.record(
                "line \(index + 1): the code prints \(printed[index].debugDescription), the article shows \(published.debugDescription)")
        }
        #expect(printed.filter(Self.isRule).count == 16)
        #expect(printed.filter { $0.hasPrefix("─── STEP FINAL") }.count == 1)
        #expect(zip(printed, article).filter { $0 != $1 && trailing($0) == $1 }.count == 6)
    }

    /// A rule line of the listing's `show()`: `─── LABEL ───…`.
    static func isRule(_ line: String) -> Bool {
        line.hasPrefix("─── ") && line.hasSuffix("─") && !line.hasPrefix("─── stop_reason")
    }

    /// The line as the article prints it: "STEP FINAL" as "FINAL" with its rule recomputed the way
    /// show() computes it (54 - len(label) dashes), and every rule one "─" longer.
    static func articleForm(_ line: String) -> String {
        guard isRule(line) else { return line }
        var label = String(line.dropFirst(4).prefix { $0 != "─" }.dropLast())
        if label.hasPrefix("STEP FINAL") { label = String(label.dropFirst("STEP ".count)) }
        return "─── \(label) " + String(repeating: "─", count: max(0, 54 - label.count) + 1)
    }
}
