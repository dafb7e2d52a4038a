import Foundation
import Testing

/// Compares `actual` with the golden file `Snapshots/<name>` beside the calling test file.
///
/// Set `RECORD_SNAPSHOTS=1` to (re)write golden files on purpose; a missing golden file fails the
/// test rather than being written silently, so CI can never pass on a snapshot it made itself.
public func expectSnapshot(
    _ actual: String,
    named name: String,
    filePath: String = #filePath,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let url = snapshotURL(named: name, besides: filePath)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: url)
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record("missing golden file \(url.path); run with RECORD_SNAPSHOTS=1 to create it", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected != actual {
        let message = "\(name) differs from its golden file (re-record with RECORD_SNAPSHOTS=1 if the change is intended):"
        Issue.record("\(message)\n\(lineDiff(expected, actual))", sourceLocation: sourceLocation)
    }
}

/// The golden file for `name` in the `Snapshots` folder next to the test source file.
public func snapshotURL(named name: String, besides filePath: String) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots").appendingPathComponent(name)
}

/// A short line diff: the first differing lines with a little context.
public func lineDiff(_ expected: String, _ actual: String, limit: Int = 12) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var lines: [String] = []
    for index in 0..<max(old.count, new.count) where lines.count < limit {
        let a = index < old.count ? String(old[index]) : nil
        let b = index < new.count ? String(new[index]) : nil
        if a != b {
            if let a { lines.append("  line \(index + 1) - \(a)") }
            if let b { lines.append("  line \(index + 1) + \(b)") }
        }
    }
    return lines.joined(separator: "\n")
}

/// The repository's root folder, found from a test source file's path.
public func repositoryRoot(filePath: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        url.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}

/// The `notes` executable built beside the test bundle (`swift build --build-tests` makes both), or
/// `NOTES_BINARY`.
public func notesBinary() throws -> URL {
    if let path = ProcessInfo.processInfo.environment["NOTES_BINARY"] { return URL(fileURLWithPath: path) }
    let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("notes")
    guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
        throw MissingBinary(path: candidate.path)
    }
    return candidate
}

/// The `notes` binary is not where the tests expect it.
public struct MissingBinary: Error, CustomStringConvertible {
    public var path: String
    public var description: String { "no notes binary at \(path); build it first (swift build --build-tests)" }
}
