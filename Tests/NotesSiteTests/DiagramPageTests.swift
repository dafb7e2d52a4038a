import Foundation
import NotesDiagnostics
import NotesRecords
import NotesSite
import NotesTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Diagrams on built pages: the seed's two figures and its run's timing lanes, all valid SVG.
@Suite struct DiagramPageTests {
    @Test func theSeedPageShowsBothFiguresAndTheRunsLanes() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try await project.build()
        let page = try project.read("site/notes/03-do-it-all-at-once/index.html")
        let svgs = Self.svgElements(in: page)
        #expect(svgs.count == 3)
        // Figure 1, written as `lanes` in the note.
        #expect(svgs[0].contains("id=\"figure-1-title\">Sequential calls stack end to end; parallel calls overlap"))
        #expect(svgs[0].contains("Sequential") && svgs[0].contains("Parallel") && svgs[0].contains("fetch_doc"))
        // Figure 2, drawn from step 2 of the stored run: two check_calendar calls.
        #expect(svgs[1].contains("Model turn (step 2)"))
        #expect(svgs[1].components(separatedBy: "check_calendar").count - 1 >= 2)
        #expect(svgs[1].contains("email: james@abc.com") && svgs[1].contains("email: sarah@abc.com"))
        // The run's lanes: four model calls and the tool calls of each step.
        let lanes = svgs[2]
        for label in ["Step 1", "Step 2", "Step 3", "Final", "list_emails", "check_calendar", "create_calendar_event"] {
            #expect(lanes.contains(label), "lanes lack \(label)")
        }
        // Figures are images; the run's lanes are a group of links, one per call, to its step.
        for svg in svgs.prefix(2) { #expect(svg.contains("role=\"img\"")) }
        #expect(lanes.contains("role=\"group\""))
        #expect(lanes.contains("<a href=\"#listing-1-run-step-2\" class=\"dg-link\""))
        #expect(
            page.contains(
                "<figcaption><span class=\"label\">Figure 02</span> - One model turn carrying several <code>tool_use</code> blocks"))
        #expect(page.contains("<span class=\"run-parallel\">Step 2: 2 calls took "))
    }

    @Test func everySVGOnTheBuiltSiteParsesAsXML() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try await project.build()
        var checked = 0
        for (path, data) in try project.siteFiles() where path.hasSuffix(".html") || path.hasSuffix(".svg") {
            for svg in Self.svgElements(in: String(decoding: data, as: UTF8.self)) {
                let parser = XMLParser(data: Data(svg.utf8))
                #expect(parser.parse(), "an SVG in \(path) is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
                checked += 1
            }
        }
        #expect(checked >= 3)
    }

    @Test func theSeedRunsTraceHasOneCompleteEventPerModelCallAndToolCall() throws {
        let transcript = try Transcript.load(
            from: repositoryRoot().appendingPathComponent(
                "content/03-do-it-all-at-once/runs/parallel_tools.transcript.json"))
        let bytes = try #require(ChromeTrace.json(transcript, name: "03-do-it-all-at-once/parallel_tools.py"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let events = try #require(json["traceEvents"] as? [[String: Any]])
        let complete = events.filter { $0["ph"] as? String == "X" }
        let models = complete.filter { $0["cat"] as? String == "model" }
        let tools = complete.filter { ($0["cat"] as? String)?.hasPrefix("tool") == true }
        #expect(models.count == transcript.modelCalls.count)
        #expect(models.count == 4)
        #expect(tools.count == 4)
        #expect(Set(models.compactMap { $0["tid"] as? Int }) == [1])
        #expect(tools.allSatisfy { ($0["tid"] as? Int ?? 0) >= 2 })
        #expect(complete.allSatisfy { $0["ts"] is Int && $0["dur"] is Int })
        let names = events.filter { $0["ph"] as? String == "M" }.compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        #expect(names.contains("model calls") && names.contains("tool lane 1"))
    }

    @Test func diagramErrorsPointIntoTheNote() async throws {
        let project = try TestProject(notes: [])
        defer { project.remove() }
        try project.write(
            "content/01-x/note.md",
            """
            ---
            title: X
            date: 2026-01-01
            ---

            ```lanes caption="Broken"
            group A
            fetch 0.5
            ```

            ```turn from=missing.py step=2
            ```

            """)
        let errors = await project.buildErrors()
        #expect(errors.contains("content/01-x/note.md:8:"))
        #expect(errors.contains("content/01-x/note.md:11:9: error: `from=missing.py` does not name a runnable listing of this note"))
    }

    /// A figure drawn from a run not made yet says so, with the command that makes it (a draft's
    /// listing may wait for its run: the build passes).
    @Test func aFigureFromARunNotMadeYetNamesTheCommandThatMakesIt() async throws {
        let project = try TestProject(notes: [])
        defer { project.remove() }
        try project.write(
            "content/01-x/note.md",
            """
            ---
            title: X
            date: 2026-01-01
            draft: true
            ---

            ```sh file=hello.sh run
            ```

            ```lanes from=hello.sh
            ```

            """)
        try project.write("content/01-x/hello.sh", "echo hi\n")
        let report = try await project.build(drafts: true)
        let figure = try #require(report.warnings.first { $0.message.contains("which has no stored transcript") })
        #expect(figure.location?.line == 10)
        #expect(figure.help == "run `notes run 01-x/hello.sh` to make it; until then the figure shows a note instead")
    }

    /// The `<svg>…</svg>` elements of a page, in order.
    static func svgElements(in page: String) -> [String] {
        var result: [String] = []
        var rest = page[...]
        while let open = rest.range(of: "<svg"), let close = rest[open.lowerBound...].range(of: "</svg>") {
            result.append(String(rest[open.lowerBound..<close.upperBound]))
            rest = rest[close.upperBound...]
        }
        return result
    }
}
