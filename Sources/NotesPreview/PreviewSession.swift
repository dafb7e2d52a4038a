import CPlatform
import Foundation
import NotesDiagnostics
import NotesProject
import NotesRunner
import NotesSite

/// `notes serve`: builds the project into `.notes/preview/site` (never `site/`), serves it on
/// loopback, and rebuilds whenever something under `content/` or `templates/` changes, telling
/// open pages to reload. A failed build keeps the previous one on show, with its errors over it.
///
/// Builds are incremental and keep their state in memory: a save re-renders the notes it touched
/// and the lists that show them; a template edit fills pages again without reading the notes. With
/// ``runs``, a saved listing whose stored run no longer fits it is run again, and its output shows
/// under it on the page while it runs.
package struct PreviewSession: Sendable {
    /// What happened in one build, or to a live run, for the terminal.
    package enum Outcome: Sendable {
        /// A good build; `newWarnings` is false when its warnings are the previous build's again
        /// (so a terminal need not repeat them on every save).
        case built(SiteBuilder.Report, newWarnings: Bool)
        /// A failed build; `hasGoodBuild` says whether pages still show an earlier build of this
        /// session (else they show the errors).
        case failed(DiagnosticList, hasGoodBuild: Bool)
        /// A listing started or ended running.
        case run(PreviewRuns.Event)
        /// Something about the session the author should hear once: why sources are polled.
        case notice(Diagnostic)
    }

    package var layout: ProjectLayout
    package var host: String
    package var port: Int
    package var includeDrafts: Bool
    /// Run changed listings on save: how (replay from their cassettes, or record); nil does not run.
    package var runs: RunOptions?
    /// The `notes` binary supervising live runs (see `ListingRunner.supervisor`), and its version.
    package var supervisor: URL?
    package var toolVersion: String = "notes"

    /// `layout`'s output is ignored: a preview never touches the published `site/`.
    package init(layout: ProjectLayout, host: String = "127.0.0.1", port: Int = 1313, includeDrafts: Bool = true, runs: RunOptions? = nil) {
        self.layout = ProjectLayout(
            root: layout.root, displayBase: layout.displayBase,
            output: layout.root.appendingPathComponent(".notes/preview/site", isDirectory: true))
        self.host = host
        self.port = port
        self.includeDrafts = includeDrafts
        self.runs = runs
    }

    /// The folder the preview is built into.
    package var output: URL { layout.output }

    private var options: BuildOptions { BuildOptions(includeDrafts: includeDrafts, preview: true) }

    /// Starts serving (so a port in use is reported at once), calls `started` with the address,
    /// builds, then rebuilds on every change until the task is cancelled; `report` hears about
    /// every build and live run.
    package func run(started: @Sendable (URL) -> Void, report: @escaping @Sendable (Outcome) -> Void) async throws(Diagnostic) {
        let feed = BuildFeed()
        let server = try await PreviewServer.start(serving: output, feed: feed, host: host, port: port)
        started(server.url)
        let watcher = SourceWatcher.start(folders: [layout.content, layout.templates])
        defer { watcher.stop() }
        var toldFallback = watcher.fallbackReason
        if let toldFallback { report(.notice(toldFallback)) }
        var live: PreviewRuns?
        if let runs {
            live = PreviewRuns(layout: layout, options: runs, toolVersion: toolVersion, supervisor: supervisor) { event in
                report(.run(event))
                switch event {
                case .started(let slug, let file, let command):
                    await feed.runStarted(slug: slug, file: file, command: command)
                case .output(let slug, let file, let text, _):
                    await feed.runPrinted(slug: slug, file: file, text: text)
                case .finished(let slug, let file, let succeeded, let summary, let problems):
                    await feed.runFinished(
                        slug: slug, file: file, succeeded: succeeded, summary: summary,
                        problems: problems.map(\.description).joined(separator: "\n"))
                }
            }
        }
        var state = BuildState.load(for: output, options: options, layout: layout)
        state.keepsBodies = true
        var warnings = await build(&state, changed: nil, feed: feed, previousWarnings: nil, report: report)
        while !Task.isCancelled {
            let changed: Set<String>
            do { changed = try await watcher.nextChange() } catch { break }
            if let reason = watcher.fallbackReason, reason != toldFallback {
                toldFallback = reason
                report(.notice(reason))
            }
            warnings = await build(&state, changed: changed, feed: feed, previousWarnings: warnings, report: report)
            await live?.filesChanged(changed)
            Self.returnFreedMemory()
        }
        await live?.stop()
        state.save(for: output)  // bodies stay in memory: the file never holds them
        await server.stop()
    }

    /// Builds once, tells the pages and the terminal, and returns the build's warnings.
    ///
    /// After an edit of the note page's template, the pages open in a browser are filled first and
    /// the pages reload; the other pages are filled by a second build right after, which tells no
    /// one (nobody is looking at them), as Hugo's fast render does.
    private func build(
        _ state: inout BuildState, changed: Set<String>?, feed: BuildFeed, previousWarnings: [Diagnostic]?,
        report: @Sendable (Outcome) -> Void
    ) async -> [Diagnostic]? {
        let builder = SiteBuilder(layout: layout, options: options)
        do {
            let result = try await builder.build(state: &state, changedPaths: changed, fillOnly: await feed.openNotes)
            await feed.succeeded()
            report(.built(result, newWarnings: result.warnings != previousWarnings))
            if result.deferred > 0 {
                do { try await builder.build(state: &state, changedPaths: []) } catch {
                    await feed.failed(error.description)
                    report(.failed(error, hasGoodBuild: true))
                }
            }
            return result.warnings
        } catch {
            let hasGoodBuild = await feed.latest.generation > 0
            await feed.failed(error.description)
            report(.failed(error, hasGoodBuild: hasGoodBuild))
            return previousWarnings
        }
    }
}

extension PreviewSession {
    /// Gives memory freed by a build back to the system. A session runs for hours and each build
    /// frees what it made; glibc keeps freed memory in its arenas (one per thread that allocated)
    /// unless asked, so the preview's footprint would creep up with every save.
    static func returnFreedMemory() {
        notes_return_free_memory()
    }
}
