import Foundation
import NotesTestSupport
import Testing

/// What a page carries for its run player: the controls from the templates and the times of the
/// stored run, inlined as JSON; and none of it when the site's templates leave the player out.
@Suite struct RunPlayerDataTests {
    @Test func theSeedPageCarriesItsRunsTimesAsJSON() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try await project.build()
        let page = try project.read("site/notes/03-do-it-all-at-once/index.html")
        let open = "<script type=\"application/json\" class=\"run-data\" id=\"listing-1-run-data\">"
        let start = try #require(page.range(of: open))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let json = String(page[start.upperBound..<end.lowerBound])
        expectSnapshot(json + "\n", named: "seed-run-data.json")
        // As many times as output lines, and entries as the step list has items.
        let data = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((data["lines"] as? [Int])?.count == page.components(separatedBy: "<span class=\"run-line").count - 1)
        let entries = (data["steps"] as? [[String: Any]])?.reduce(0) { $0 + (($1["entries"] as? [Any])?.count ?? 0) }
        #expect(entries == page.components(separatedBy: "<dd class=\"step-").count - 1)
        #expect(page.contains("id=\"listing-1-run-player\""))
        #expect(page.contains("<li class=\"step\" id=\"listing-1-run-step-2\">"))
        #expect(page.contains("<p class=\"step-label\">Step 2 <span class=\"step-time\">3.3–3.9 s</span></p>"))
    }

    @Test func withoutThePlayerPartialPagesCarryNoPlayer() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("templates/partials/run-player.mustache"))
        let note = try project.read("templates/note.mustache").replacingOccurrences(of: "{{>partials/player-assets}}\n", with: "")
        try project.write("templates/note.mustache", note)
        try await project.build()
        let page = try project.read("site/notes/03-do-it-all-at-once/index.html")
        for absent in ["run-player", "rp-scrub", "run-data", "player.js", "player.css"] {
            #expect(!page.contains(absent), "\(absent) is still on the page")
        }
        // The page still links calls to steps and shows each step's time range: that needs no script.
        #expect(page.contains("<a href=\"#listing-1-run-step-2\" class=\"dg-link\""))
        #expect(page.contains("<span class=\"step-time\">"))
    }
}
