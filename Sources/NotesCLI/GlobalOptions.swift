import ArgumentParser
import Foundation

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: [.customShort("C"), .customLong("directory")],
        help: ArgumentHelp("Run as if started in <dir>: the project folder holding content/ and templates/.", valueName: "dir"))
    var directory: String?

    @Flag(name: .shortAndLong, help: "Print each step with its timing.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print only errors and warnings.")
    var quiet = false

    /// The project folder, absolute.
    var projectRoot: URL {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        guard let directory else { return cwd }
        return URL(fileURLWithPath: directory, isDirectory: true, relativeTo: cwd).standardizedFileURL
    }
}
