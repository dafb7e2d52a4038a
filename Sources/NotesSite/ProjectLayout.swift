import Foundation
import NotesDiagnostics

/// Where a project's parts live: `content/`, `templates/`, `site/` under one root.
public struct ProjectLayout: Hashable, Sendable {
    /// The project folder, absolute.
    public var root: URL
    /// The folder paths in messages are relative to (normally the working directory).
    public var displayBase: URL

    /// Where the site is written: `site/` unless set.
    public var output: URL

    public init(root: URL, displayBase: URL? = nil, output: URL? = nil) {
        self.root = root.standardizedFileURL
        self.displayBase = (displayBase ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("site", isDirectory: true)).standardizedFileURL
    }

    public var content: URL { root.appendingPathComponent("content", isDirectory: true) }
    public var templates: URL { root.appendingPathComponent("templates", isDirectory: true) }
    public var siteConfig: URL { content.appendingPathComponent("site.yml") }

    /// `url` as messages print it: relative to ``displayBase`` when inside it, else absolute.
    public func display(_ url: URL) -> String {
        displayPath(url, base: displayBase)
    }
}
