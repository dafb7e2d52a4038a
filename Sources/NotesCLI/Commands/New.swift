import ArgumentParser
import Foundation
import NotesDiagnostics
import NotesSite

/// `notes new`: starts a note folder with its front matter and a runnable starter listing.
struct New: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a new note: content/NN-slug/note.md and a starter listing.",
        discussion: """
            Takes the next free number, makes the slug from the title, fills in the date and the site's \
            author, and marks the note `draft: true`: left out of the site until you remove it, and shown \
            by `notes serve` while you write. The starter listing is a small program on the anthropic SDK \
            with a `run` fence: record its first run with `notes run --record NN-slug`. A title or a slug \
            another note has is refused, with that note's place: pick another title, or pass --slug.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The note's title.")
    var title: String

    @Option(help: "The folder's slug (default: from the title).")
    var slug: String?

    @Option(help: "The note's number (default: one more than the highest in content/).")
    var number: Int?

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag; repeat for several.", valueName: "tag"))
    var tags: [String] = []

    @Option(help: ArgumentHelp("The note's date, YYYY-MM-DD (default: today).", valueName: "date"))
    var date: String?

    @Option(help: ArgumentHelp("The starter listing's file name: .py (anthropic SDK) or .sh (curl).", valueName: "file"))
    var listing = "agent.py"

    @Flag(help: "Start the note without a listing.")
    var noListing = false

    func validate() throws {
        if title.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("the title is empty") }
        if let slug, !NoteScaffold.isValidSlug(slug) {
            throw ValidationError("--slug must be lower-case letters, digits and hyphens, e.g. parallel-tool-calls")
        }
        if slug == nil, NoteScaffold.slug(for: title).isEmpty {
            throw ValidationError("the title has no letters or digits to make a slug from; pass --slug")
        }
        if let number, !(0...9999).contains(number) { throw ValidationError("--number must be between 0 and 9999") }
        if !noListing {
            if listing.contains("/") || listing.hasPrefix(".") {
                throw ValidationError("--listing is a file name beside the note, e.g. agent.py")
            }
            if NoteScaffold.language(of: listing) == nil {
                throw ValidationError("--listing must end in .py or .sh")
            }
        }
    }

    func run() async throws {
        let layout = try global.project(for: "new")
        let printer = DiagnosticPrinter()
        let scaffold: NoteScaffold
        let folder: URL
        do {
            scaffold = try NoteScaffold.planned(
                title: title, in: layout, slug: slug, number: number, date: date, tags: tags, listing: noListing ? nil : listing)
            folder = try scaffold.write(into: layout)
        } catch {
            printer.print(error)
            throw ExitCode(1)
        }
        if global.quiet { return }
        let name = scaffold.folderName
        say("Created \(layout.display(folder))/ with \(scaffold.files.map(\.path).joined(separator: " and ")) (a draft).")
        say("Next:")
        say("  write the note in \(layout.display(folder.appendingPathComponent("note.md")))")
        if let listing = scaffold.listing {
            say("  write the listing in \(layout.display(folder.appendingPathComponent(listing))), then record its run:")
            let record = suggestedCommand("run", ["--record", name], projectRoot: layout.root, base: layout.displayBase)
            say("    \(record)     (needs ANTHROPIC_API_KEY; replays offline after that)")
        }
        say("  preview with `notes serve`; publish by removing `draft: true`")
    }
}
