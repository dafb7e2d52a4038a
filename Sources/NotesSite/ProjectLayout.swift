import Foundation
import NotesDiagnostics

/// Where a project's parts live: `content/`, `templates/`, `site/` under one root.
package struct ProjectLayout: Hashable, Sendable {
    /// The project folder, absolute.
    package var root: URL
    /// The folder paths in messages are relative to (normally the working directory).
    package var displayBase: URL

    /// Where the site is written: `site/` unless set.
    package var output: URL

    package init(root: URL, displayBase: URL? = nil, output: URL? = nil) {
        self.root = root.standardizedFileURL
        self.displayBase = (displayBase ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("site", isDirectory: true)).standardizedFileURL
    }

    package var content: URL { root.appendingPathComponent("content", isDirectory: true) }
    package var templates: URL { root.appendingPathComponent("templates", isDirectory: true) }
    package var siteConfig: URL { content.appendingPathComponent("site.yml") }

    /// `url` as messages print it: relative to ``displayBase`` when inside it, else absolute.
    package func display(_ url: URL) -> String {
        displayPath(url, base: displayBase)
    }
}
