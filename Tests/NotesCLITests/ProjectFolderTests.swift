import Foundation
import NotesTestSupport
import Testing

/// Every command that works on a project says the same thing when started outside one: from inside
/// a note's folder, where to run it from; from anywhere else, that this is not a project.
@Suite struct ProjectFolderTests {
    @Test(arguments: [["build"], ["check"], ["run"], ["new", "A title"]])
    func fromInsideANoteEachCommandNamesTheProjectFolder(_ arguments: [String]) async throws {
        let project = try TestProject()
        defer { project.remove() }
        let note = project.root.appendingPathComponent("content/03-do-it-all-at-once")
        let result = try await SuggestedCommandTests.notes(arguments, in: note)
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                error: no content/site.yml here; this folder is inside the notes project in ../..
                  help: run `notes \(arguments[0])` from ../.., or pass -C ../..

                """)
        #expect(!FileManager.default.fileExists(atPath: note.appendingPathComponent("site").path))
        #expect(!FileManager.default.fileExists(atPath: note.appendingPathComponent("content").path))
    }

    @Test(arguments: [["build"], ["check"], ["run"], ["new", "A title"]])
    func outsideAnyProjectEachCommandSaysSo(_ arguments: [String]) async throws {
        let folder = try SuggestedCommandTests.elsewhere()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await SuggestedCommandTests.notes(arguments, in: folder)
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                error: no content/site.yml here; this is not a notes project
                  help: run `notes \(arguments[0])` in the folder holding content/, or pass -C <dir>

                """)
    }

    @Test func minusCPointingIntoAProjectNamesItsFolder() async throws {
        let project = try TestProject()
        defer { project.remove() }
        let result = try await SuggestedCommandTests.notes(["check", "-C", "content"], in: project.root)
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                error: no content/site.yml in content; it is a folder inside the notes project here
                  help: run `notes check` here without -C

                """)
    }
}
