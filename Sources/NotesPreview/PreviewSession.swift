import Foundation
import NotesDiagnostics
import NotesSite

/// `notes serve`: builds the project into `.notes/preview/site` (never `site/`), serves it on
/// loopback, and rebuilds whenever something under `content/` or `templates/` changes, telling
/// open pages to reload. A failed build keeps the previous one on show, with its errors over it.
package struct PreviewSession: Sendable {
    /// What happened in one build, for the terminal.
    package enum Outcome: Sendable {
        /// A good build; `newWarnings` is false when its warnings are the previous build's again
        /// (so a terminal need not repeat them on every save).
        case built(SiteBuilder.Report, newWarnings: Bool)
        case failed(DiagnosticList)
    }

    package var layout: ProjectLayout
    package var host: String
    package var port: Int
    package var includeDrafts: Bool

    /// `layout`'s output is ignored: a preview never touches the published `site/`.
    package init(layout: ProjectLayout, host: String = "127.0.0.1", port: Int = 1313, includeDrafts: Bool = true) {
        self.layout = ProjectLayout(
            root: layout.root, displayBase: layout.displayBase,
            output: layout.root.appendingPathComponent(".notes/preview/site", isDirectory: true))
        self.host = host
        self.port = port
        self.includeDrafts = includeDrafts
    }

    /// The folder the preview is built into.
    package var output: URL { layout.output }

    /// Builds, starts serving (calling `started` with the address), then rebuilds on every change
    /// until the task is cancelled; `report` hears about every build.
    package func run(started: @Sendable (URL) -> Void, report: @Sendable (Outcome) -> Void) async throws(Diagnostic) {
        let feed = BuildFeed()
        let watcher = SourceWatcher.start(folders: [layout.content, layout.templates])
        defer { watcher.stop() }
        var warnings = await build(feed: feed, previousWarnings: nil, report: report)
        let server = try await PreviewServer.start(serving: output, feed: feed, host: host, port: port)
        started(server.url)
        while !Task.isCancelled {
            do { _ = try await watcher.nextChange() } catch { break }
            warnings = await build(feed: feed, previousWarnings: warnings, report: report)
        }
        await server.stop()
    }

    /// Builds once, tells the pages and the terminal, and returns the build's warnings.
    private func build(feed: BuildFeed, previousWarnings: [Diagnostic]?, report: @Sendable (Outcome) -> Void) async -> [Diagnostic]? {
        do {
            let result = try await SiteBuilder(layout: layout, options: BuildOptions(includeDrafts: includeDrafts)).build()
            await feed.succeeded()
            report(.built(result, newWarnings: result.warnings != previousWarnings))
            return result.warnings
        } catch {
            await feed.failed(error.description)
            report(.failed(error))
            return previousWarnings
        }
    }
}
