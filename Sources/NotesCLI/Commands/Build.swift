import ArgumentParser
import Foundation
import NotesDiagnostics
import NotesSite

/// `notes build`: renders content/ into site/, atomically.
struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site from content/ into site/.",
        discussion: """
            Renders every note, the home page, tag pages, atom.xml, sitemap.xml and 404.html. The site is \
            built beside site/ and swapped in only if the build succeeds, so a failed build leaves the \
            previous site untouched. Nothing is run: listing runs come from stored transcripts.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Publish notes marked `draft: true` too.")
    var drafts = false

    @Option(help: "How many notes to render at once (default: the number of processors).")
    var jobs: Int?

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs must be between 1 and 256") }
    }

    func run() async throws {
        let layout = try global.project(for: "build")
        let builder = SiteBuilder(layout: layout, options: BuildOptions(includeDrafts: drafts, concurrency: jobs))
        let printer = DiagnosticPrinter()
        do {
            let report = try await builder.build { index, count, name, seconds in
                if global.verbose { say("[\(index)/\(count)] \(name) (\(milliseconds(seconds)))") }
            }
            printer.print(report.warnings)
            if !global.quiet {
                let notes = report.notes == 1 ? "1 note" : "\(report.notes) notes"
                say("Built \(notes), \(report.files) files into \(layout.display(layout.output))/ in \(milliseconds(report.seconds)).")
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
