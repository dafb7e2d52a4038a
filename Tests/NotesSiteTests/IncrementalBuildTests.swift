import Foundation
import NotesDiagnostics
import NotesSite
import NotesTestSupport
import Testing

/// An incremental build gives the same bytes as a clean one, whatever the edits between builds.
///
/// Random edit sequences (notes edited, retitled, redated, retagged, added, removed, renumbered,
/// broken and fixed; templates, site settings, listing files and stored runs changed) are applied to
/// a project; after each edit three builds run: `notes build`'s (state on disk), `notes serve`'s
/// (state in memory, page bodies kept, told which files changed), and a clean one into a fresh
/// folder. All three outputs must be equal, file for file, byte for byte.
///
/// `NOTES_INCREMENTAL_SEED` replays a sequence; `NOTES_INCREMENTAL_EDITS` sets its length.
@Suite struct IncrementalBuildTests {
    @Test(arguments: [0xA11CE, 0xB0B, 0xC0FFEE])
    func incrementalBuildsEqualCleanBuilds(seed defaultSeed: Int) async throws {
        let environment = ProcessInfo.processInfo.environment
        let seed =
            environment["NOTES_INCREMENTAL_SEED"].flatMap { UInt64($0.replacingOccurrences(of: "0x", with: ""), radix: 16) }
            ?? UInt64(defaultSeed)
        let edits = environment["NOTES_INCREMENTAL_EDITS"].flatMap(Int.init) ?? 24
        let project = try TestProject()
        defer { project.remove() }
        var editor = ProjectEditor(project: project, random: SeededRandom(seed: seed))
        try editor.seedNotes(count: 9)

        let served = ProjectLayout(
            root: project.root, displayBase: project.root, output: project.root.appendingPathComponent(".notes/served", isDirectory: true))
        // `notes serve`'s options: drafts and the preview's notes included.
        let preview = BuildOptions(includeDrafts: true, preview: true)
        var servedState = BuildState(keepsBodies: true)
        try await SiteBuilder(layout: served, options: preview).build(state: &servedState)
        try await project.build()
        var history: [String] = []
        for step in 1...edits {
            let edit = try editor.randomEdit()
            history.append(edit.description)
            let context = "seed 0x\(String(seed, radix: 16)), edit \(step): \(history.joined(separator: "; "))"
            let clean = ProjectLayout(
                root: project.root, displayBase: project.root,
                output: project.root.appendingPathComponent(".notes/clean-\(step)", isDirectory: true))
            let cleanPreview = ProjectLayout(
                root: project.root, displayBase: project.root,
                output: project.root.appendingPathComponent(".notes/clean-preview-\(step)", isDirectory: true))
            var cleanState = BuildState()
            let cleanResult = await Result { () async throws(DiagnosticList) in
                try await SiteBuilder(layout: clean).build(state: &cleanState)
            }
            var cleanPreviewState = BuildState()
            let cleanPreviewResult = await Result { () async throws(DiagnosticList) in
                try await SiteBuilder(layout: cleanPreview, options: preview).build(state: &cleanPreviewState)
            }
            let incremental = await Result { () async throws(DiagnosticList) in try await project.build() }
            let changed = Set(edit.paths.map { project.root.appendingPathComponent($0).path })
            let inMemory = await Result { () async throws(DiagnosticList) in
                try await SiteBuilder(layout: served, options: preview).build(state: &servedState, changedPaths: changed)
            }
            // A broken edit: the incremental build fails as the clean one does and publishes nothing.
            switch cleanResult {
            case .failure(let error):
                #expect(incremental.failureDescription == error.description, "\(context)")
            case .success(let report):
                #expect(incremental.failureDescription == nil, "\(context)")
                let built = difference(try files(in: project.site), try files(in: clean.output))
                #expect(built == nil, "notes build: \(built ?? ""); \(context)")
                #expect((try? incremental.get().warnings) == report.warnings, "\(context)")
            }
            switch cleanPreviewResult {
            case .failure(let error):
                #expect(inMemory.failureDescription == error.description, "\(context)")
            case .success:
                #expect(inMemory.failureDescription == nil, "\(context)")
                let servedDifference = difference(try files(in: served.output), try files(in: cleanPreview.output))
                #expect(servedDifference == nil, "notes serve: \(servedDifference ?? ""); \(context)")
            }
            for output in [clean.output, cleanPreview.output] {
                try? FileManager.default.removeItem(at: output)
                try? FileManager.default.removeItem(at: BuildState.file(for: output))
                try? FileManager.default.removeItem(
                    at: output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).spare"))
            }
        }
        try editor.repairAll()
        try await Task.sleep(for: .milliseconds(150))  // past the window in which fresh files are distrusted
        try await project.build()
        // Nothing changed since the last build: nothing is rendered again.
        let again = try await project.build()
        #expect(again.rendered == 0)
    }

    @Test func anUnchangedRebuildRendersNothingAndOneEditRendersOneNote() async throws {
        let project = try TestProject()
        defer { project.remove() }
        var editor = ProjectEditor(project: project, random: SeededRandom(seed: 7))
        try editor.seedNotes(count: 5)
        // Files saved within the last 100 ms are distrusted (their stamps could repeat), so wait first.
        try await Task.sleep(for: .milliseconds(150))
        let first = try await project.build()
        #expect(first.rendered == 6)
        #expect(try await project.build().rendered == 0)
        try project.write("content/11-note/note.md", try project.read("content/11-note/note.md") + "\nOne more paragraph.\n")
        try await Task.sleep(for: .milliseconds(150))
        let edited = try await project.build()
        #expect(edited.rendered == 1)
        #expect(edited.notes == 6)
        #expect(try project.read("site/notes/11-note/index.html").contains("One more paragraph."))
    }

    /// A folder listed again with its stamp unchanged (an editor's swap file came and went) keeps the
    /// new listing, so that later builds stat its files without listing it again.
    @Test func aFolderListedAgainKeepsItsNewListing() async throws {
        let project = try TestProject()
        defer { project.remove() }
        let folder = project.root.appendingPathComponent("content/03-do-it-all-at-once").path
        try await Task.sleep(for: .milliseconds(150))
        var state = BuildState()
        try await SiteBuilder(layout: project.layout).build(state: &state)
        let listed = try #require(state.notes["03-do-it-all-at-once"]?.folderListing)
        try project.write("content/03-do-it-all-at-once/.note.md.swp", "swap")
        try FileManager.default.removeItem(atPath: folder + "/.note.md.swp")
        try await Task.sleep(for: .milliseconds(150))
        let report = try await SiteBuilder(layout: project.layout).build(state: &state)
        #expect(report.rendered == 0, "nothing a page shows changed")
        let relisted = try #require(state.notes["03-do-it-all-at-once"]?.folderListing)
        #expect(relisted != listed, "the folder changed")
        #expect(relisted == FolderStamp.of(folder).listing, "the listing kept is the folder as it is now")
    }

    /// `notes serve` after a page-template edit: the open pages first, the rest in a second build.
    @Test func aTemplateEditFillsTheOpenPagesFirstAndTheRestNext() async throws {
        let project = try TestProject()
        defer { project.remove() }
        var editor = ProjectEditor(project: project, random: SeededRandom(seed: 11))
        try editor.seedNotes(count: 4)
        // Files saved within the last 100 ms are distrusted (their stamps could repeat), so wait first:
        // notes read again would all be filled at once.
        try await Task.sleep(for: .milliseconds(150))
        let served = ProjectLayout(
            root: project.root, displayBase: project.root, output: project.root.appendingPathComponent(".notes/served", isDirectory: true))
        let preview = BuildOptions(includeDrafts: true, preview: true)
        var state = BuildState(keepsBodies: true)
        try await SiteBuilder(layout: served, options: preview).build(state: &state)
        try project.write("templates/note.mustache", try project.read("templates/note.mustache") + "<!-- new template -->\n")
        let changed: Set<String> = [project.root.appendingPathComponent("templates/note.mustache").path]

        let first = try await SiteBuilder(layout: served, options: preview).build(
            state: &state, changedPaths: changed, fillOnly: ["11-note"])
        #expect(first.deferred == 4)
        #expect(
            try String(contentsOf: served.output.appendingPathComponent("notes/11-note/index.html"), encoding: .utf8).contains(
                "new template"))
        #expect(
            !(try String(contentsOf: served.output.appendingPathComponent("notes/12-note/index.html"), encoding: .utf8)).contains(
                "new template"))

        let second = try await SiteBuilder(layout: served, options: preview).build(state: &state, changedPaths: [])
        #expect(second.deferred == 0 && second.rendered == 4)
        let clean = ProjectLayout(
            root: project.root, displayBase: project.root, output: project.root.appendingPathComponent(".notes/clean", isDirectory: true))
        var cleanState = BuildState()
        try await SiteBuilder(layout: clean, options: preview).build(state: &cleanState)
        let difference = difference(try files(in: served.output), try files(in: clean.output))
        #expect(difference == nil, "\(difference ?? "")")
    }

    @Test func aDamagedStateFileMeansACleanBuildNotAWrongOne() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try await project.build()
        let before = try files(in: project.site)
        let stateFile = BuildState.file(for: project.site)
        var bytes = try [UInt8](Data(contentsOf: stateFile))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: stateFile)
        let report = try await project.build()
        #expect(report.rendered == report.notes)
        #expect(difference(try files(in: project.site), before) == nil)
    }

    // MARK: - Helpers

    func files(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    /// The first difference between two sites, or nil when they are equal.
    func difference(_ actual: [String: Data], _ expected: [String: Data]) -> String? {
        for path in Set(actual.keys).union(expected.keys).sorted() {
            switch (actual[path], expected[path]) {
            case (nil, _): return "\(path) is missing"
            case (_, nil): return "\(path) should not be there"
            case (let a?, let b?) where a != b:
                let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
                let around = { (data: Data) in String(decoding: data.dropFirst(max(0, first - 80)).prefix(200), as: UTF8.self) }
                return "\(path) differs at byte \(first): got …\(around(a))… expected …\(around(b))…"
            default: continue
            }
        }
        return nil
    }
}

extension Result where Failure == DiagnosticList {
    init(catching body: () async throws(DiagnosticList) -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }

    var failureDescription: String? {
        if case .failure(let error) = self { return error.description }
        return nil
    }
}

/// Edits a project the way an author does, at random.
struct ProjectEditor {
    struct Edit: CustomStringConvertible {
        var description: String
        /// The files it touched, relative to the project (for the watcher's hint).
        var paths: [String]
    }

    let project: TestProject
    var random: SeededRandom
    /// Note folders, by name.
    var notes: [String] = []
    var nextNumber = 10
    let tagPool = ["agents", "tool-use", "evals", "latency", "Tool Use", "memory"]

    init(project: TestProject, random: SeededRandom) {
        self.project = project
        self.random = random
        notes = ["03-do-it-all-at-once"]
    }

    mutating func seedNotes(count: Int) throws {
        try project.write("content/site.yml", try project.read("content/site.yml") + "feed_limit: 4\n")
        for _ in 0..<count { _ = try addNote() }
    }

    /// Fixes every note a ``randomEdit()`` broke.
    func repairAll() throws {
        for folder in notes {
            let text = try project.read(notePath(folder))
            if text.contains("capton=") { try project.write(notePath(folder), text.replacingOccurrences(of: "capton=", with: "caption=")) }
        }
    }

    mutating func randomEdit() throws -> Edit {
        switch Int.random(in: 0..<14, using: &random) {
        case 0, 1: return try editProse()
        case 2: return try retitle()
        case 3: return try redate()
        case 4: return try retag()
        case 5: return try addNote()
        case 6: return try removeNote()
        case 7: return try renumber()
        case 8: return try editTemplate()
        case 9: return try editSiteSettings()
        case 10: return try breakAndKeepBroken()
        case 11: return try editListing()
        case 12: return try touchRun()
        default: return try toggleDraft()
        }
    }

    private mutating func pick() -> String {
        notes.filter { !$0.hasPrefix("03-") || Bool.random(using: &random) }.randomElement(using: &random) ?? notes[0]
    }

    private func notePath(_ folder: String) -> String { "content/\(folder)/note.md" }

    private mutating func replaceLine(in folder: String, prefix: String, with line: String) throws -> Edit {
        let path = notePath(folder)
        var lines = try project.read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let index = lines.firstIndex(where: { $0.hasPrefix(prefix) }) { lines[index] = line } else { lines.insert(line, at: 1) }
        try project.write(path, lines.joined(separator: "\n"))
        return Edit(description: "\(folder): \(line)", paths: [path])
    }

    private mutating func editProse() throws -> Edit {
        let folder = pick()
        let path = notePath(folder)
        let word = ["quickly", "in parallel", "with care", "again", "*twice*"].randomElement(using: &random)!
        try project.write(path, try project.read(path) + "\nAn added sentence, \(word) (\(Int.random(in: 0..<1000, using: &random))).\n")
        return Edit(description: "\(folder): prose", paths: [path])
    }

    private mutating func retitle() throws -> Edit {
        let folder = pick()
        return try replaceLine(in: folder, prefix: "title:", with: "title: \"Retitled \(Int.random(in: 0..<100, using: &random))\"")
    }

    private mutating func redate() throws -> Edit {
        let folder = pick()
        let day = Int.random(in: 1...28, using: &random)
        return try replaceLine(
            in: folder, prefix: "date:", with: "date: 2026-0\(Int.random(in: 1...9, using: &random))-\(day < 10 ? "0" : "")\(day)")
    }

    private mutating func retag() throws -> Edit {
        let folder = pick()
        let tags = (0..<Int.random(in: 0...3, using: &random)).map { _ in tagPool.randomElement(using: &random)! }
        return try replaceLine(in: folder, prefix: "tags:", with: "tags: [\(Set(tags).sorted().joined(separator: ", "))]")
    }

    private mutating func toggleDraft() throws -> Edit {
        let folder = pick()
        guard !folder.hasPrefix("03-") else { return try editProse() }
        let text = try project.read(notePath(folder))
        let draft = text.contains("draft: true")
        return try replaceLine(in: folder, prefix: "draft:", with: "draft: \(!draft)")
    }

    private mutating func addNote() throws -> Edit {
        let number = nextNumber
        nextNumber += 1
        let folder = "\(number)-note"
        let tags = (0..<Int.random(in: 0...2, using: &random)).map { _ in tagPool.randomElement(using: &random)! }
        let withListing = Bool.random(using: &random)
        var text = """
            ---
            number: \(number)
            title: "Note \(number): *emphasis* and `code`"
            dek: A note made by the test.
            date: 2026-05-\(10 + number % 18)
            tags: [\(Set(tags).sorted().joined(separator: ", "))]
            ---

            ## A section

            Some prose for note \(number), with a [link](https://example.com/) and a footnote-free sentence.

            """
        if withListing {
            text += "\n```python file=example.py caption=\"An example\"\n```\n"
            try project.write("content/\(folder)/example.py", "print('note \(number)')\n")
        }
        try project.write(notePath(folder), text)
        notes.append(folder)
        return Edit(description: "add \(folder)", paths: [notePath(folder)] + (withListing ? ["content/\(folder)/example.py"] : []))
    }

    private mutating func removeNote() throws -> Edit {
        guard notes.count > 2 else { return try addNote() }
        let folder = pick()
        guard !folder.hasPrefix("03-") else { return try editProse() }
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("content/\(folder)"))
        notes.removeAll { $0 == folder }
        return Edit(description: "remove \(folder)", paths: ["content/\(folder)/note.md"])
    }

    private mutating func renumber() throws -> Edit {
        let folder = pick()
        guard !folder.hasPrefix("03-") else { return try editProse() }
        let number = nextNumber
        nextNumber += 1
        let renamed = "\(number)-note"
        try FileManager.default.moveItem(
            at: project.root.appendingPathComponent("content/\(folder)"), to: project.root.appendingPathComponent("content/\(renamed)"))
        notes.removeAll { $0 == folder }
        notes.append(renamed)
        _ = try replaceLine(in: renamed, prefix: "number:", with: "number: \(number)")
        // Keep the old address, as an author should: a redirect page takes its place.
        let text = try project.read(notePath(renamed))
        if !text.contains("aliases:"), !notes.contains(folder) {
            _ = try replaceLine(in: renamed, prefix: "aliases:", with: "aliases: [\(folder)]")
        }
        return Edit(description: "renumber \(folder) to \(renamed)", paths: ["content/\(folder)/note.md", notePath(renamed)])
    }

    private mutating func editTemplate() throws -> Edit {
        let template = [
            "templates/note.mustache", "templates/index.mustache", "templates/partials/note-summary.mustache",
            "templates/partials/footer.mustache", "templates/tag.mustache", "templates/partials/run-player.mustache",
        ]
        .randomElement(using: &random)!
        try project.write(template, try project.read(template) + "<!-- edit \(Int.random(in: 0..<1000, using: &random)) -->\n")
        return Edit(description: "edit \(template)", paths: [template])
    }

    private mutating func editSiteSettings() throws -> Edit {
        let path = "content/site.yml"
        var lines = try project.read(path).split(separator: "\n").map(String.init)
        if Bool.random(using: &random) {
            lines = lines.map { $0.hasPrefix("author:") ? "author: Author \(Int.random(in: 0..<9, using: &random))" : $0 }
        } else {
            lines = lines.map { $0.hasPrefix("feed_limit:") ? "feed_limit: \(Int.random(in: 0...5, using: &random))" : $0 }
        }
        try project.write(path, lines.joined(separator: "\n") + "\n")
        return Edit(description: "edit site.yml", paths: [path])
    }

    /// Breaks a note (a bar that ends before it starts, in the seed's figure, or an unknown fence
    /// attribute), then fixes it on the next edit of that note.
    private mutating func breakAndKeepBroken() throws -> Edit {
        let folder = pick()
        let path = notePath(folder)
        let text = try project.read(path)
        if text.contains("capton=") {
            try project.write(path, text.replacingOccurrences(of: "capton=", with: "caption="))
            return Edit(description: "\(folder): fixed", paths: [path])
        }
        if text.contains("```python file=example.py caption=") {
            try project.write(path, text.replacingOccurrences(of: "caption=", with: "capton="))
            return Edit(description: "\(folder): broken", paths: [path])
        }
        return try editProse()
    }

    private mutating func editListing() throws -> Edit {
        let folder = pick()
        let file = folder.hasPrefix("03-") ? "content/\(folder)/parallel_tools.py" : "content/\(folder)/example.py"
        guard project.exists(file) else { return try editProse() }
        try project.write(file, try project.read(file) + "# edited \(Int.random(in: 0..<1000, using: &random))\n")
        return Edit(description: "edit \(file)", paths: [file])
    }

    /// Rewrites the seed's stored transcript with the same bytes (a fresh `notes run` that changed nothing).
    private mutating func touchRun() throws -> Edit {
        let path = "content/03-do-it-all-at-once/runs/parallel_tools.transcript.json"
        try project.write(path, try project.read(path))
        return Edit(description: "rewrite \(path)", paths: [path])
    }
}
