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
        package var notes: Int
        package var files: Int
        package var warnings: [Diagnostic]
        package var seconds: Double { steps.reduce(0) { $0 + $1.seconds } }
    }

    /// Builds into a staging folder and swaps it in for `site/`.
    ///
    /// On any error the staging folder is removed and `site/` is left exactly as it was; the error
    /// carries every problem found, each with its file and line.
    /// - Parameter progress: called after each step with its index, name and duration.
    package func build(progress: (Int, Int, String, Double) -> Void = { _, _, _, _ in }) async throws(DiagnosticList) -> Report {
        let output: StagedOutput
        do {
            output = try StagedOutput(destination: layout.output)
        } catch {
            throw DiagnosticList(error.asDiagnostics)
        }
        var context = BuildContext(layout: layout, options: options, output: output)
        var timings: [(String, Double)] = []
        do {
            for (index, step) in steps.enumerated() {
                let start = ContinuousClock.now
                try await step.body(&context)
                let seconds = (ContinuousClock.now - start).seconds
                timings.append((step.name, seconds))
                progress(index + 1, steps.count, step.name, seconds)
            }
            try output.commit()
        } catch {
            output.discard()
            throw DiagnosticList(error.asDiagnostics)
        }
        return Report(steps: timings, notes: context.pages.count, files: context.filesWritten, warnings: context.warnings)
    }
}
