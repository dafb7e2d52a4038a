import ArgumentParser
import Foundation
import NotesDiagnostics
import NotesRecords
import NotesSite

/// `notes build`: renders content/ into site/ (or the folder `--output` names), atomically.
struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from content/ into site/.",
        discussion: """
            Renders every note, the home page, tag pages, atom.xml, sitemap.xml and 404.html. The site is \
            built beside its folder and swapped in only if the build succeeds, so a failed build leaves the \
            previous site untouched. Nothing is run: listing runs come from stored transcripts; a runnable \
            listing of a published note that has never been run is an error, a stale run a warning.

            Notes marked `draft: true` are left out: preview them with `notes serve`. --drafts builds them \
            too, and only into a folder named with --output (--output site publishes them). --output is \
            relative to the project folder; as a build replaces its output folder whole, it must not be the \
            project folder or hold it, lie inside content/, templates/ or site/, or be a folder with other \
            things in it that notes did not build.
            """
    )

    /// Why `--drafts` needs `--output`, and what to do instead.
    static let draftsNeedOutput =
        "drafts are not published: preview them with `notes serve`, or pass --output DIR to build them elsewhere "
        + "(--output site to publish them)"

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Include notes marked `draft: true`; needs --output, so that drafts never reach site/ unasked.")
    var drafts = false

    @Option(help: ArgumentHelp("The folder to build into, relative to the project folder (default: site).", valueName: "dir"))
    var output: String?

    @Option(help: "How many notes to render at once (default: the number of processors).")
    var jobs: Int?

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs must be between 1 and 256") }
        if drafts, output == nil { throw ValidationError(Self.draftsNeedOutput) }
        if let output {
            if output.isEmpty { throw ValidationError("--output needs a folder, e.g. --output /tmp/drafts-preview") }
            let layout = ProjectLayout(root: global.projectRoot)
            if let problem = layout.outputProblem(layout.outputFolder(output)) { throw ValidationError(problem) }
        }
    }

    func run() async throws {
        var layout = try global.project(for: "build")
        if let output { layout.output = layout.outputFolder(output) }
        if let refusal = layout.outputRefusal(layout.output) {
            DiagnosticPrinter().print(refusal)
            throw ExitCode(1)
        }
        let builder = SiteBuilder(layout: layout, options: BuildOptions(includeDrafts: drafts, concurrency: jobs, requiresRuns: true))
        let printer = DiagnosticPrinter()
        do {
            // The time said is the whole build: reading and writing its state too, not only the steps.
            let start = ContinuousClock.now
            let report = try await builder.build { index, count, name, seconds in
                if global.verbose { say("[\(index)/\(count)] \(name) (\(milliseconds(seconds)))") }
            }
            printer.print(report.warnings)
            if !global.quiet {
                let notes = report.notes == 1 ? "1 note" : "\(report.notes) notes"
                // An incremental build says how much it redid.
                let redone =
                    report.rendered < report.notes ? " (\(report.rendered) rendered, \(report.notes - report.rendered) unchanged)" : ""
                say(
                    "Built \(notes)\(redone), \(report.files) files into \(layout.display(layout.output))/ in "
                        + "\(milliseconds((ContinuousClock.now - start).seconds)).")
            }
        } catch {
            printer.print(error.diagnostics)
            let count = error.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(
                Data(
                    "Build failed with \(count) error\(count == 1 ? "" : "s"); \(layout.display(layout.output))/ was left unchanged.\n".utf8
                ))
            throw ExitCode(1)
        }
    }
}

/// "42 ms" or "1.25 s".
func milliseconds(_ seconds: Double) -> String {
    seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
}
