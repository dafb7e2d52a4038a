import Foundation
import NotesDiagnostics
import NotesRecords
import NotesTransport

/// The program that runs a listing: `python` for Python listings (the project's venv), else the
/// command `site.yml` names for the fence's language (`interpreters: {sh: sh, node: node}`).
struct Interpreter: Sendable {
    /// What the page shows before the file: `python`.
    var display: String
    var executable: URL
    /// Arguments before the listing's file.
    var arguments: [String]
    /// Folders to put first on PATH (the venv's `bin`).
    var binFolders: [String]
    /// The start-up hook's folder, for Python.
    var hookFolder: URL?
    /// sha256 of the requirements the venv was built from, for staleness.
    var requirementsSHA256: String?
}

extension ListingRunner {

    func interpreter(for listing: RunnableListing, progress: @escaping @Sendable (RunProgress) -> Void) async throws(RunError)
        -> Interpreter
    {
        let language = listing.language.lowercased()
        let configured = interpreters[language]
        if RunnableListing.pythonLanguages.contains(language), configured == nil {
            do {
                let python = try await PythonEnvironment(projectRoot: projectRoot).prepare { progress(.preparing($0)) }
                let hook = try PythonHook.install(in: scratch.appendingPathComponent("hook", isDirectory: true))
                let requirements = FileManager.default.contents(atPath: self.requirements.path).map { SHA256.hex(of: [UInt8]($0)) }
                return Interpreter(
                    display: "python", executable: python, arguments: [],
                    binFolders: [python.deletingLastPathComponent().path], hookFolder: hook, requirementsSHA256: requirements)
            } catch {
                throw RunError(
                    at: listing.location, "cannot prepare Python for \(listing.name)", reasons: error.asDiagnostics.map(\.description))
            }
        }
        let words = (configured ?? Self.defaultCommand(for: language) ?? "").split(separator: " ").map(String.init)
        guard let name = words.first else {
            throw RunError(
                at: listing.location, "no interpreter for `\(listing.language)` listings",
                help: "add one to content/site.yml, e.g. `interpreters: {\(language): \(language)}`")
        }
        do {
            let executable = try ProcessSpec.resolve(name, path: "/usr/local/bin:/usr/bin:/bin", directory: listing.noteFolder)
            return Interpreter(
                display: words.joined(separator: " "), executable: executable, arguments: Array(words.dropFirst()),
                binFolders: [], hookFolder: nil, requirementsSHA256: nil)
        } catch {
            throw RunError(at: listing.location, "cannot find `\(name)` to run \(listing.name)", help: error.help)
        }
    }

    /// Commands for languages that need no configuration.
    static func defaultCommand(for language: String) -> String? {
        switch language {
        case "sh", "shell": "sh"
        case "bash": "bash"
        default: nil
        }
    }
}
