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
        // The file's own `#!` line speaks for it, unless site.yml names an interpreter for the language.
        let shebang = configured == nil ? Self.shebang(of: listing.listingURL) : nil
        let words = shebang ?? (configured ?? Self.defaultCommand(for: language) ?? "").split(separator: " ").map(String.init)
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

    /// The command of a `#!` first line, as argv words: `#!/usr/bin/env bash` gives `["bash"]`,
    /// `#!/bin/bash -eu` gives `["/bin/bash", "-eu"]`; nil without one.
    static func shebang(of file: URL) -> [String]? {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 256), head.starts(with: Array("#!".utf8)) else { return nil }
        let line = String(decoding: head.dropFirst(2).prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.first.map({ ($0 as NSString).lastPathComponent }) == "env" {
            words.removeFirst()
            if words.first == "-S" { words.removeFirst() }
        }
        return words.isEmpty ? nil : words
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
