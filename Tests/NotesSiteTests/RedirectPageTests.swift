import Foundation
import NotesDiagnostics
import NotesSite
import NotesTestSupport
import Testing

/// A renumbered note keeps its old addresses working: each alias in its front matter becomes a small
/// page that sends readers on, and never a page of the site (sitemap, feed, index).
@Suite struct RedirectPageTests {
    /// The seed note renumbered from 03 to 04, keeping its old address (and one older still) as aliases.
    static func renumbered() throws -> TestProject {
        let project = try TestProject()
        let content = project.root.appendingPathComponent("content")
        try FileManager.default.moveItem(
            at: content.appendingPathComponent("03-do-it-all-at-once"), to: content.appendingPathComponent("04-do-it-all-at-once"))
        let note = "content/04-do-it-all-at-once/note.md"
        try project.write(
            note,
            try project.read(note).replacingOccurrences(
                of: "number: 3\n", with: "number: 4\naliases: [03-do-it-all-at-once, /notes/02-parallel-tools/]\n"))
        return project
    }

    @Test func eachAliasIsARedirectPageToTheNote() async throws {
        let project = try Self.renumbered()
        defer { project.remove() }
        try await project.build()
        #expect(
            try project.read("site/notes/03-do-it-all-at-once/index.html") == """
                <!DOCTYPE html>
                <html lang="en-GB">
                <head>
                <meta charset="utf-8">
                <title>Do it all at once: parallel tool calls and how to build them · Field notes</title>
                <meta name="robots" content="noindex">
                <link rel="canonical" href="https://fieldnotes.example.com/notes/04-do-it-all-at-once/">
                <meta http-equiv="refresh" content="0; url=../04-do-it-all-at-once/index.html">
                </head>
                <body>
                <p>This note has moved to <a href="../04-do-it-all-at-once/index.html">Do it all at once: parallel tool calls and how to build them</a>.</p>
                </body>
                </html>

                """)
        #expect(project.exists("site/notes/02-parallel-tools/index.html"))
        #expect(project.exists("site/notes/04-do-it-all-at-once/index.html"))
        for file in ["site/sitemap.xml", "site/atom.xml", "site/index.html", "site/tags/agents/index.html"] {
            let text = try project.read(file)
            #expect(!text.contains("03-do-it-all-at-once") && !text.contains("02-parallel-tools"), "\(file) lists an alias")
        }

        // An alias taken out again leaves no page behind.
        let note = "content/04-do-it-all-at-once/note.md"
        try project.write(note, try project.read(note).replacingOccurrences(of: ", /notes/02-parallel-tools/", with: ""))
        try await project.build()
        #expect(!project.exists("site/notes/02-parallel-tools"))
        #expect(project.exists("site/notes/03-do-it-all-at-once/index.html"))
    }

    @Test func anAliasThatIsANotesAddressIsAnErrorWhereItIsWritten() async throws {
        let project = try Self.renumbered()
        defer { project.remove() }
        try project.write("content/03-do-it-all-at-once/note.md", "---\ntitle: New\ndate: 2026-01-01\ndraft: true\n---\n\nBody.\n")
        #expect(
            await project.buildErrors() == """
                content/04-do-it-all-at-once/note.md:3:11: error: the alias `03-do-it-all-at-once` is the address of content/03-do-it-all-at-once/note.md
                  help: remove it from `aliases`, or rename that note's folder: one address cannot lead to two pages
                """)
    }

    @Test func anAliasGivenTwiceOrANotesOwnAddressIsAnError() async throws {
        let project = try Self.renumbered()
        defer { project.remove() }
        try project.write(
            "content/05-other/note.md", "---\ntitle: Other\ndate: 2026-01-01\naliases: [05-other, 02-parallel-tools]\n---\n\nBody.\n")
        #expect(
            await project.buildErrors() == """
                content/05-other/note.md:4:11: error: the alias `05-other` is this note's own address
                  help: remove it from `aliases`: an alias is an address the note had before
                content/05-other/note.md:4:21: error: the alias `02-parallel-tools` is also given at content/04-do-it-all-at-once/note.md:3:33
                  help: keep it in one note's `aliases`: one address cannot lead to two pages
                """)
    }

    @Test func newRefusesAFolderNameThatIsAnotherNotesOldAddress() throws {
        let project = try Self.renumbered()
        defer { project.remove() }
        let scaffold = try NoteScaffold.planned(title: "Parallel tools", in: project.layout, number: 2, listing: nil)
        #expect(
            throws: Diagnostic(
                at: SourceLocation(path: "content/04-do-it-all-at-once/note.md", line: 3, column: 33),
                "this note keeps `02-parallel-tools` as an old address, which redirects to it",
                help: "pass --slug or --number for another folder name, or remove the alias from that note")
        ) { try scaffold.write(into: project.layout) }
    }
}
