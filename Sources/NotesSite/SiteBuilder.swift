import Foundation
import NotesDiagnostics
import NotesRecords

/// Builds the site: runs the build steps in order over one context, times each, and publishes
/// the result only when every step succeeded.
package struct SiteBuilder: Sendable {
    package let layout: ProjectLayout
    package let options: BuildOptions
    package let steps: [BuildStep]

    package init(layout: ProjectLayout, options: BuildOptions = BuildOptions(), steps: [BuildStep] = .standard) {
        self.layout = layout
        self.options = options
        self.steps = steps
    }

    /// What a build did.
    package struct Report: Sendable {
        /// Each step's name and duration in seconds.
        package var steps: [(name: String, seconds: Double)]
        /// Notes in the site.
        package var notes: Int
        /// Notes rendered this build; the others were unchanged and their pages reused.
        package var rendered: Int
        /// Notes whose pages were left with the previous templates (see `fillOnly`), for the next build.
        package var deferred: Int = 0
        package var files: Int
        package var warnings: [Diagnostic]
        package var seconds: Double { steps.reduce(0) { $0 + $1.seconds } }
    }

    /// Builds incrementally from what the last build into the same output left on disk (its state
    /// file beside the output), and leaves the new state there.
    /// - Parameter progress: called after each step with its index, name and duration.
    package func build(progress: (Int, Int, String, Double) -> Void = { _, _, _, _ in }) async throws(DiagnosticList) -> Report {
        var state = BuildState.load(for: layout.output, options: options, layout: layout)
        let report = try await build(state: &state, progress: progress)
        state.save(for: layout.output)  // a failed build leaves the state file as it was
        return report
    }

    /// Builds into a staging folder and swaps it in for `site/`, redoing only what changed since the
    /// build that left `state`, and updates `state` for the next one.
    ///
    /// On any error `site/` is left exactly as it was; the error carries every problem found, each
    /// with its file and line. The output is byte for byte that of a clean build.
    ///
    /// - Parameter changedPaths: the files changed since that build, when a watcher knows them for
    ///   sure; nil has every note's folder checked.
    /// - Parameter fillOnly: after an edit of the page template only, fill again just these notes'
    ///   pages (the ones open in a browser) and leave the others for the next build (`Report.deferred`),
    ///   so the pages being looked at reload at once. Nil fills every page.
    @discardableResult
    package func build(
        state: inout BuildState, changedPaths: Set<String>? = nil, fillOnly: Set<String>? = nil,
        progress: (Int, Int, String, Double) -> Void = { _, _, _, _ in }
    ) async throws(DiagnosticList) -> Report {
        let output: StagedOutput
        do {
            output = try StagedOutput(destination: layout.output)
        } catch {
            throw DiagnosticList(error.asDiagnostics)
        }
        let engine = BuildState.engineKey(options: options, layout: layout)
        if state.engine != engine || !FileManager.default.fileExists(atPath: layout.output.path) {
            // Made by another binary or with other options, or the site is gone: start clean.
            state = BuildState(engine: engine, keepsBodies: state.keepsBodies)
        }
        var context = BuildContext(layout: layout, options: options, output: output, previous: state)
        context.changedPaths = changedPaths.map { $0.union(state.unbuiltChanges) }
        context.fillOnly = fillOnly
        var timings: [(String, Double)] = []
        do {
            for (index, step) in steps.enumerated() {
                let start = ContinuousClock.now
                try await step.body(&context)
                let seconds = (ContinuousClock.now - start).seconds
                timings.append((step.name, seconds))
                progress(index + 1, steps.count, step.name, seconds)
            }
            try output.commit(spareFiles: state.spareFiles)
        } catch {
            output.discard()
            state.unbuiltChanges.formUnion(changedPaths ?? [])
            throw DiagnosticList(error.asDiagnostics)
        }
        state = context.nextState()
        let warnings = context.warnings + context.records.flatMap(\.warnings)
        return Report(
            steps: timings, notes: context.records.count, rendered: context.rendered, deferred: context.deferred,
            files: context.filesWritten,
            warnings: warnings)
    }
}

extension BuildContext {
    /// The state after this build's output was swapped in: its notes, the new site's files, and
    /// the old site's files, which are the spare now.
    func nextState() -> BuildState {
        var state = BuildState(engine: previous.engine, keepsBodies: previous.keepsBodies)
        let written = output.writtenStamps
        state.notes.reserveCapacity(records.count)
        state.published.reserveCapacity(written.count)
        for record in records {
            state.notes[record.slug] = record
            for path in record.outputs {
                if let stamp = written[path] { state.published[path] = OutputFile(stamp: stamp, version: record.version(of: path)) }
            }
        }
        for (path, version) in listVersions {
            if let stamp = written[path] { state.published[path] = OutputFile(stamp: stamp, version: version) }
        }
        state.spare = previous.published
        state.publishedFiles = Set(written.keys)
        state.spareFiles = previous.publishedFiles
        return state
    }
}
