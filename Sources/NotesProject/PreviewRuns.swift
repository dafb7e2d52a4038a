import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRecords
import NotesRunner
import NotesSite
import NotesTransport

/// What `notes serve --run replay|record` does after a save: runs again each listing of the saved
/// notes whose stored run no longer fits it (missing, or stale: the listing or its fence changed),
/// and tells the preview what the run prints while it runs and how it ended.
///
/// A new save of a listing that is running stops that run and starts it again. A run that failed is
/// not retried until its listing changes, so a broken listing is not run on every save of its note.
/// What a good run stores (its transcript, and with `record` its cassette) changes the note's
/// `runs/`, and the preview's next build shows it.
package actor PreviewRuns {
    /// What the preview hears of a run.
    package enum Event: Sendable {
        /// The listing `file` of the note `slug` started.
        case started(slug: String, file: String, command: String)
        /// It printed `text`.
        case output(slug: String, file: String, text: String, isStandardError: Bool)
        /// It ended: `summary` says how, `problems` why it failed (a replay miss with its diff).
        case finished(slug: String, file: String, succeeded: Bool, summary: String, problems: [Diagnostic])
    }

    private let layout: ProjectLayout
    private let options: RunOptions
    private let toolVersion: String
    private let supervisor: URL?
    private let events: @Sendable (Event) async -> Void
    private var running: [String: Task<Void, Never>] = [:]
    /// The inputs of each listing's last run that failed, by listing name.
    private var failedInputs: [String: String] = [:]

    package init(
        layout: ProjectLayout, options: RunOptions, toolVersion: String, supervisor: URL?, events: @escaping @Sendable (Event) async -> Void
    ) {
        self.layout = layout
        var options = options
        options.keepsResults = true
        self.options = options
        self.toolVersion = toolVersion
        self.supervisor = supervisor
        self.events = events
    }

    /// Looks at the notes holding `paths` (changes under a note's `runs/` alone do not count) and
    /// starts the runs their listings need.
    package func filesChanged(_ paths: Set<String>) async {
        let content = layout.content.path + "/"
        var slugs: Set<String> = []
        for path in paths where path.hasPrefix(content) {
            let parts = path.dropFirst(content.count).split(separator: "/")
            guard let slug = parts.first, parts.count >= 2, parts[1] != "runs" else { continue }
            slugs.insert(String(slug))
        }
        guard !slugs.isEmpty, let project = try? await ProjectRuns.load(layout, notes: Array(slugs)) else { return }
        let runner = ListingRunner(
            projectRoot: layout.root, interpreters: project.site.interpreters, toolVersion: toolVersion, supervisor: supervisor)
        for listing in project.listings {
            let stored = StoredRun(listing, projectRoot: layout.root)
            let inputs = Self.inputs(of: listing)
            if case .fresh = stored.freshness { continue }
            if failedInputs[listing.name] == inputs, running[listing.name] == nil { continue }
            running[listing.name]?.cancel()
            start(listing, runner: runner, inputs: inputs)
        }
    }

    /// Stops every run, for shutdown.
    package func stop() async {
        let tasks = Array(running.values)
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        running.removeAll()
    }

    private func start(_ listing: RunnableListing, runner: ListingRunner, inputs: String) {
        let file = listing.file
        let slug = listing.noteSlug
        let options = options
        let events = events
        let command = "notes run \(options.mode == .record ? "--record " : "")\(listing.name)"
        let previous = running[listing.name]
        running[listing.name] = Task {
            await previous?.value
            guard !Task.isCancelled else { return }
            await events(.started(slug: slug, file: file, command: command))
            let outcome: Result<RunResult, RunError>
            do throws(RunError) {
                outcome = .success(
                    try await runner.run(listing, options: options) { progress in
                        guard case .output(let bytes, let isStandardError) = progress else { return }
                        let text = String(decoding: bytes, as: UTF8.self)
                        Task { await events(.output(slug: slug, file: file, text: text, isStandardError: isStandardError)) }
                    })
            } catch {
                outcome = .failure(error)
            }
            await self.finished(listing, inputs: inputs, outcome: outcome)
        }
    }

    private func finished(_ listing: RunnableListing, inputs: String, outcome: Result<RunResult, RunError>) async {
        let slug = listing.noteSlug
        let file = listing.file
        switch outcome {
        case .success(let result):
            let exit = result.transcript.exit
            let succeeded = exit.isSuccess && result.setAside == nil
            failedInputs[listing.name] = succeeded ? nil : inputs
            let summary =
                result.setAside != nil
                ? "the recording failed and was set aside; the stored run is unchanged"
                : "\(exit.kind == "exited" ? "exited with \(exit.code)" : exit.kind); the page shows the stored run"
            await events(.finished(slug: slug, file: file, succeeded: succeeded, summary: summary, problems: []))
        case .failure(let error):
            if error.code == .interrupted { break }
            failedInputs[listing.name] = inputs
            await events(
                .finished(
                    slug: slug, file: file, succeeded: false, summary: "the run failed; the stored run is unchanged",
                    problems: error.diagnostics))
        }
        running[listing.name] = nil
    }

    /// What a run of `listing` depends on in its note: the listing file and the fence's settings.
    private static func inputs(of listing: RunnableListing) -> String {
        let file = FileManager.default.contents(atPath: listing.listingURL.path).map { SHA256.hex(of: [UInt8]($0)) } ?? "-"
        return "\(file) \(listing.arguments.joined(separator: " ")) \(listing.language) \(listing.location)"
    }
}
