import Foundation
import NotesTestSupport
import Testing

@Suite struct SiteBuildTests {
    @Test func seedNotePageMatchesItsGoldenFile() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try await project.build()
        expectSnapshot(try project.read("site/notes/03-do-it-all-at-once/index.html"), named: "seed-note.html")
        expectSnapshot(try project.read("site/index.html"), named: "index.html")
        expectSnapshot(try project.read("site/tags/tool-use/index.html"), named: "tag-tool-use.html")
        expectSnapshot(try project.read("site/atom.xml"), named: "atom.xml")
        expectSnapshot(try project.read("site/sitemap.xml"), named: "sitemap.xml")
    }

    @Test func seedNotePageShowsEveryElementOfTheArticle() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try await project.build()
        let page = try project.read("site/notes/03-do-it-all-at-once/index.html")
        let listing = try project.read("content/03-do-it-all-at-once/parallel_tools.py")
        for expected in [
            "<a class=\"back\" href=\"../../index.html\">← Back to field notes</a>",
            "No. 03 · Field note",
            "<h1>Do it all at once: parallel tool calls and how to build them</h1>",
            "there’s no reason to do them one at a time",
            "<time datetime=\"2026-04-26\">26 April 2026</time> · <a class=\"tag\" href=\"../../tags/agents/index.html\">agents</a> · <a "
                + "class=\"tag\" href=\"../../tags/tool-use/index.html\">tool-use</a> · <a class=\"tag\" "
                + "href=\"../../tags/fundamentals/index.html\">fundamentals</a> · 6 min read",
            "<h2 id=\"picking-up-from-the-loop\">Picking up from the loop<a class=\"anchor\" href=\"#picking-up-from-the-loop\"",
            "<h2 id=\"why-its-worth-doing\">Why it’s worth doing",
            ">parallel_tools.py</a> · <span class=\"listing-ext\">py</span>",
            "<span class=\"label\">Listing 01</span> - A ReAct loop that supports parallel tool calls</figcaption>",
            "<span class=\"label\">Figure 01</span> - Sequential calls stack end to end; parallel calls overlap and finish in the time of "
                + "the slowest one.",
            "<span class=\"label\">Figure 02</span> - One model turn carrying several <code>tool_use</code> blocks",
            "<p class=\"signoff\">-&nbsp;Ben</p>",
        ] {
            #expect(page.contains(expected), "missing: \(expected)")
        }
        // The page shows the file itself: strip the highlighting and it is the file, byte for byte.
        let code = try #require(
            page.range(of: "<pre class=\"code\" tabindex=\"0\" data-lang=\"python\"><code>").map { page[$0.upperBound...] })
        let shown = String(code[..<code.range(of: "</code></pre>")!.lowerBound])
        #expect(unescapeHTML(stripTags(shown)) == listing)
        // The listing file is published beside the page for download.
        #expect(try project.read("site/notes/03-do-it-all-at-once/parallel_tools.py") == listing)
    }

    @Test func siteHasIndexTagsFeedSitemapAnd404() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try await project.build()
        let files = try project.siteFiles().keys.sorted()
        #expect(
            files == [
                "404.html", "assets/player.css", "assets/player.js", "assets/style.css", "atom.xml", "index.html",
                "notes/03-do-it-all-at-once/index.html", "notes/03-do-it-all-at-once/parallel_tools.py",
                "sitemap.xml", "tags/agents/index.html", "tags/fundamentals/index.html", "tags/tool-use/index.html",
            ])
        // 404 is served at any depth, so it links from the base URL's path.
        #expect(try project.read("site/404.html").contains("href=\"/index.html\""))
    }

    @Test func buildingTwiceGivesIdenticalBytes() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("content/01-second/note.md", "---\ntitle: Second\ndate: 2026-04-26\ntags: [agents]\n---\nHi.\n")
        try await project.build()
        let first = try project.siteFiles()
        try await project.build()
        #expect(try project.siteFiles() == first)
    }

    @Test func failedBuildLeavesThePreviousSiteUntouched() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try await project.build()
        let before = try project.siteFiles()
        try project.write("content/04-broken/note.md", "---\ntitle: Broken\ndate: 2026-13-01\n---\n")
        let errors = await project.buildErrors()
        #expect(errors.hasPrefix("content/04-broken/note.md:3:1: error: invalid date \"2026-13-01\""))
        #expect(try project.siteFiles() == before)
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent(".site.previous").path))
    }

    @Test func rebuildDropsPagesOfRemovedNotesAndKeepsTheRest() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("content/01-gone/note.md", "---\ntitle: Gone soon\ndate: 2026-01-01\ntags: [ephemeral]\n---\nBye.\n")
        try await project.build()
        try await project.build()  // the spare folder now holds this site's files too
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("content/01-gone"))
        try project.write(
            "content/03-do-it-all-at-once/note.md",
            try project.read("content/03-do-it-all-at-once/note.md")
                .replacingOccurrences(of: "The fix has a name.", with: "The fix has a new name."))
        try await project.build()
        let files = try project.siteFiles()
        #expect(files["notes/01-gone/index.html"] == nil)
        #expect(files["tags/ephemeral/index.html"] == nil)
        #expect(
            String(decoding: files["notes/03-do-it-all-at-once/index.html"] ?? Data(), as: UTF8.self).contains("The fix has a new name."))
        // The same site built from scratch elsewhere has exactly these files and bytes.
        let fresh = try TestProject()
        defer { fresh.remove() }
        try fresh.write("content/03-do-it-all-at-once/note.md", try project.read("content/03-do-it-all-at-once/note.md"))
        try await fresh.build()
        #expect(try fresh.siteFiles() == files)
    }

    @Test func indexListsNewestFirstAndDraftsOnlyOnRequest() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("content/01-old/note.md", "---\ntitle: Old one\ndate: 2025-01-01\n---\n")
        try project.write("content/09-new/note.md", "---\ntitle: New one\ndate: 2026-09-01\n---\n")
        try project.write("content/10-draft/note.md", "---\ntitle: Draft one\ndate: 2026-10-01\ndraft: true\n---\n")
        try await project.build()
        let index = try project.read("site/index.html")
        let order = ["New one", "Do it all at once", "Old one"].map { index.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order[0]! < order[1]! && order[1]! < order[2]!)
        #expect(!index.contains("Draft one"))
        try await project.build(drafts: true)
        #expect(try project.read("site/index.html").contains("Draft one"))
    }

    @Test func templateErrorNamesTheTemplateAndLine() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("templates/tag.mustache", "<h1>{{tag.name}}</h1>\n{{#notes}}\n<p>{{title}}</p>\n{{/note}}\n")
        let errors = await project.buildErrors()
        #expect(
            errors == """
                templates/tag.mustache:4:1: error: template error: `{{/note}}` closes a section, but the innermost open one is `notes` (line 2)
                  help: close `notes` first with {{/notes}}, or fix the name
                """)
    }

    @Test func missingPartialIsReported() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("templates/tag.mustache", "<h1>{{tag.name}}</h1>\n  {{> partials/nope}}\n")
        let errors = await project.buildErrors()
        #expect(
            errors == """
                templates/tag.mustache:2:3: error: template `tag` includes `partials/nope`, which does not exist
                  help: add templates/partials/nope.mustache or fix the name
                """)
    }
}

/// Removes HTML tags.
func stripTags(_ html: String) -> String {
    var text = ""
    var inTag = false
    for character in html {
        if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
    }
    return text
}

/// Undoes the escaping the renderer applies.
func unescapeHTML(_ text: String) -> String {
    text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
}
