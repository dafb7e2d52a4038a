import Foundation
import NotesRecords
import NotesRender
import NotesTestSupport
import Testing

@testable import NotesSite

/// Listings and figures are resolved once, numbered in the order of the note, each with the id its
/// anchor uses; runs attach to a listing by that id.
@Suite struct NoteElementsTests {
    @Test func elementsAreNumberedInOrderWithTheIDsTheirAnchorsUse() async throws {
        let project = try TestProject(notes: [])
        defer { project.remove() }
        try project.write("content/01-mixed/plot.png", "not really a png")
        try project.write("content/01-mixed/hello.sh", "echo hello\n")
        try project.write(
            "content/01-mixed/note.md",
            """
            ---
            title: Mixed
            dek: Everything numbered.
            date: 2026-05-01
            tags: [test]
            ---
            ![A plot](plot.png "A plot of nothing")

            ```sh file=hello.sh run caption="Says hello"
            ```

            > ```text figure caption="Quoted text"
            > a figure inside a quote
            > ```

            ```lanes figure caption="Lanes"
            a: 0-1
            ```

            ```python caption="Inline"
            print(1)
            ```
            """)
        let note = try NoteLoader(layout: project.layout).load(project.root.appendingPathComponent("content/01-mixed"))
        #expect(note.elements.all.map(\.id) == ["figure-1", "listing-1", "figure-2", "figure-3", "listing-2"])
        #expect(note.runnable.map(\.file) == ["hello.sh"])
        #expect(note.elements["listing-1"].map { if case .listing(let listing) = $0 { listing.runnable != nil } else { false } } == true)

        try await project.build()
        let page = try project.read("site/notes/01-mixed/index.html")
        let anchors = ["figure-1", "listing-1", "figure-2", "figure-3", "listing-2"].map { page.range(of: "id=\"\($0)\"")?.lowerBound }
        #expect(anchors.allSatisfy { $0 != nil })
        #expect(anchors.compactMap { $0 } == anchors.compactMap { $0 }.sorted(), "anchors appear in the order of the note")
    }
}
