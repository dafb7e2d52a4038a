import Foundation

/// A `notes` command line for a `help:` line that works when typed as it is in `base` (the working
/// directory by default): `notes run 03-x/agent.py` in the project folder, `notes run -C ../.. 03-x/agent.py`
/// from inside a note, `notes run -C /path/to/project 03-x/agent.py` from anywhere else.
///
/// Every word is quoted for a POSIX shell when it needs to be.
package func suggestedCommand(_ subcommand: String, _ arguments: [String] = [], projectRoot: URL, base: URL? = nil) -> String {
    var words = ["notes", subcommand]
    let folder = shellPath(projectRoot, base: base)
    if folder != "." { words += ["-C", folder] }
    return (words + arguments.map(shellQuoted)).joined(separator: " ")
}

/// `url` as a shell word seen from `base` (the working directory by default): `.` for `base` itself,
/// `content/x` inside it, `../..` for a folder holding it, else the absolute path; quoted when needed.
package func shellPath(_ url: URL, base: URL? = nil) -> String {
    let target = url.standardizedFileURL.pathComponents
    let from = (base ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.pathComponents
    if target == from { return "." }
    if target.starts(with: from) { return shellQuoted(target.dropFirst(from.count).joined(separator: "/")) }
    if from.starts(with: target) { return Array(repeating: "..", count: from.count - target.count).joined(separator: "/") }
    return shellQuoted(url.standardizedFileURL.path)
}

/// `word` as a POSIX shell reads it back: as it is when it holds only safe characters, else in
/// single quotes.
package func shellQuoted(_ word: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
    if !word.isEmpty, word.allSatisfy(safe.contains) { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
