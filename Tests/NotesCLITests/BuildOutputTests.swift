import Foundation
import NotesTestSupport
import Testing

/// `notes build --output DIR` and `--drafts`: drafts never reach site/ unless asked in so many words,
/// and a build never replaces a folder it must not.
@Suite struct BuildOutputTests {
    static let draft = "---\ntitle: Half written\ndate: 2026-01-01\ndraft: true\n---\n\nNot ready.\n"

    static func fixture() async throws -> CLIFixture {
        let fixture = try await CLIFixture.make()
        try fixture.project.write("content/01-half-written/note.md", draft)
        return fixture
    }

    @Test func draftsWithoutOutputIsAUsageErrorThatSaysWhatToDo() async throws {
        let fixture = try await Self.fixture()
        defer { fixture.remove() }
        let build = try await fixture.notes(["build", "--drafts"])
        #expect(build.status == 2)
        #expect(
            build.stderr.hasPrefix(
                "Error: drafts are not published: preview them with `notes serve`, or pass --output DIR to build them elsewhere "
                    + "(--output site to publish them)\n"), "\(build.stderr)")
        #expect(!fixture.project.exists("site"))
    }

    @Test func draftsGoOnlyWhereOutputSays() async throws {
        let fixture = try await Self.fixture()
        defer { fixture.remove() }
        let published = try await fixture.notes(["build"])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(!fixture.project.exists("site/notes/01-half-written"))

        // Twice, so that the second build swaps with the first's folder (the second may say it
        // rendered nothing again: "Built 2 notes (0 rendered, 2 unchanged), ...").
        for _ in 0..<2 {
            let drafts = try await fixture.notes(["build", "--drafts", "--output", "previews/drafts"])
            #expect(drafts.status == 0, "\(drafts.stderr)")
            #expect(drafts.stdout.hasPrefix("Built 2 notes"), "\(drafts.stdout)")
            #expect(drafts.stdout.contains(" into previews/drafts/ in "), "\(drafts.stdout)")
        }
        #expect(fixture.project.exists("previews/drafts/notes/01-half-written/index.html"))
        #expect(try fixture.project.read("previews/drafts/sitemap.xml").contains("notes/01-half-written/"))
        #expect(!fixture.project.exists("site/notes/01-half-written"))
        #expect(!(try fixture.project.read("site/sitemap.xml")).contains("01-half-written"))

        // Said in so many words, they are published.
        let asked = try await fixture.notes(["build", "--drafts", "--output", "site"])
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(fixture.project.exists("site/notes/01-half-written/index.html"))
    }

    @Test func anOutputFolderOutsideTheProjectIsFine() async throws {
        let fixture = try await Self.fixture()
        defer { fixture.remove() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("notes-out-\(UUID().uuidString)/site")
        defer { try? FileManager.default.removeItem(at: outside.deletingLastPathComponent()) }
        let build = try await fixture.notes(["build", "--drafts", "--output", outside.path])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: outside.appendingPathComponent("notes/01-half-written/index.html").path))
        #expect(!fixture.project.exists("site"))
    }

    @Test(arguments: [
        (".", "--output cannot be the project folder: a build replaces its output folder whole"),
        ("..", "holds the project: a build replaces its output folder whole"),
        ("content", "--output content is inside content/, which the build reads its notes and templates from"),
        ("content/99-out", "--output content/99-out is inside content/, which the build reads its notes and templates from"),
        ("templates/assets", "--output templates/assets is inside templates/, which the build reads its notes and templates from"),
        ("site/drafts", "--output site/drafts is inside site/, which every `notes build` replaces whole"),
    ])
    func outputFoldersABuildMustNotReplaceAreRefused(_ folder: String, _ message: String) async throws {
        let fixture = try await Self.fixture()
        defer { fixture.remove() }
        let build = try await fixture.notes(["build", "--drafts", "--output", folder])
        #expect(build.status == 2, "\(build.stderr)")
        #expect(build.stderr.hasPrefix("Error: "), "\(build.stderr)")
        #expect(build.stderr.contains(message), "\(build.stderr)")
        #expect(!fixture.project.exists("site"))
    }

    @Test func anExistingFolderNotesDidNotBuildIsLeftAlone() async throws {
        let fixture = try await Self.fixture()
        defer { fixture.remove() }
        try fixture.project.write("docs/guide.md", "# Guide\n")
        let build = try await fixture.notes(["build", "--output", "docs"])
        #expect(build.status == 1)
        #expect(
            build.stderr == """
                error: docs/ already exists and was not built by notes
                  help: a build replaces its output folder whole: pass a new or empty folder, or remove docs/ first

                """)
        #expect(try fixture.project.read("docs/guide.md") == "# Guide\n")

        // A link would be swapped away, and the folder behind it written through: refused too.
        try FileManager.default.createSymbolicLink(
            at: fixture.project.root.appendingPathComponent("linked"),
            withDestinationURL: fixture.project.root.appendingPathComponent("docs"))
        let linked = try await fixture.notes(["build", "--output", "linked"])
        #expect(linked.status == 1)
        #expect(linked.stderr.hasPrefix("error: --output linked is a symbolic link\n"), "\(linked.stderr)")
        #expect(try fixture.project.read("docs/guide.md") == "# Guide\n")

        // An empty folder is fine.
        try FileManager.default.createDirectory(
            at: fixture.project.root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let empty = try await fixture.notes(["build", "--output", "empty"])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(fixture.project.exists("empty/index.html"))
    }
}
