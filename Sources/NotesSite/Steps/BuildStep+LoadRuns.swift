import NotesDiagnostics
import NotesMarkdown
import NotesRecords
import NotesRender

extension BuildStep {
    /// Attaches each runnable listing's stored run to its listing, and draws the figures drawn from
    /// runs, by element id. Nothing is run: a missing or stale transcript is a warning here (and an
    /// error for `notes check`), except that with ``BuildOptions/requiresRuns`` a published note's
    /// listing that has never been run fails the build.
    package static let loadRuns = BuildStep("load runs") { context in
        context.notes = try await context.notes.attachingRuns(layout: context.layout, options: context.options)
    }
}

extension [LoadedNote] {
    /// These notes with their runs attached (see ``LoadedNote/attachRuns(layout:options:)``), in
    /// parallel; throws their ``LoadedNote/runErrors`` when there are any.
    func attachingRuns(layout: ProjectLayout, options: BuildOptions) async throws(DiagnosticList) -> [LoadedNote] {
        let notes = await concurrentMap(limit: options.concurrency) { note in
            var note = note
            note.attachRuns(layout: layout, options: options)
            return note
        }
        let neverRun = notes.flatMap(\.runErrors)
        if !neverRun.isEmpty { throw DiagnosticList(neverRun) }
        return notes
    }
}

extension LoadedNote {
    /// Attaches each runnable listing's stored run and draws the figures drawn from runs. A missing or
    /// stale run becomes one of the note's ``warnings`` (and in the preview a notice on the page too),
    /// or, with ``BuildOptions/requiresRuns``, a published note's never-run listing one of its
    /// ``runErrors``.
    mutating func attachRuns(layout: ProjectLayout, options: BuildOptions) {
        var transcripts: [String: Transcript] = [:]
        var remedies: [String: String] = [:]
        let mustHaveRuns = options.requiresRuns && !frontMatter.isDraft
        for listing in elements.listings {
            guard let runnable = listing.runnable else { continue }
            let stored = StoredRun(runnable, projectRoot: layout.root)
            remedies[stored.listing.file] = stored.remedy(in: layout)
            if let transcript = stored.transcript {
                elements.attach(RunView(transcript), toListing: listing.id)
                transcripts[stored.listing.file] = transcript
            }
            if mustHaveRuns, stored.freshness == .missing, let error = stored.finding(.error, in: layout) {
                runErrors.append(error)
            } else if let warning = stored.warning(in: layout) {
                warnings.append(warning)
                if options.preview { elements.attach(notice: warning, toListing: listing.id) }
            }
        }
        for figure in elements.figures {
            guard case .fromRun(let source) = figure.drawing else { continue }
            do throws(Diagnostic) {
                let diagram = try source.diagram(
                    transcript: transcripts[source.file],
                    remedy: remedies[source.file] ?? suggestedCommand("run", [slug], projectRoot: layout.root, base: layout.displayBase))
                elements.draw(.diagram(diagram), inFigure: figure.id)
            } catch {
                warnings.append(error)
            }
        }
    }
}

extension StoredRun {
    /// The command that makes this run again, as it can be typed where `layout`'s messages are read:
    /// a replay from the cassette, or a recording when the cassette is missing or unreadable (a
    /// replay could not answer the listing).
    package func remedy(in layout: ProjectLayout) -> String {
        command(record: needsRecording, in: layout)
    }

    /// `notes run [--record] 03-x/agent.py`, with `-C` when the project is not the working folder.
    package func command(record: Bool, in layout: ProjectLayout) -> String {
        suggestedCommand("run", (record ? ["--record"] : []) + [listing.name], projectRoot: layout.root, base: layout.displayBase)
    }

    /// The finding for a run that is not fresh, at the listing's fence.
    package func finding(_ severity: Diagnostic.Severity, in layout: ProjectLayout) -> Diagnostic? {
        let command = "`\(remedy(in: layout))`" + (needsRecording ? " (needs ANTHROPIC_API_KEY)" : "")
        let record = "`\(self.command(record: true, in: layout))`"
        let replay = "`\(self.command(record: false, in: layout))`"
        switch freshness {
        case .fresh:
            return nil
        case .missing where isFirstRun:
            return Diagnostic(
                severity, at: listing.location, "\(listing.file) has no stored run; its page shows no output",
                help: "record its first run with \(record) (needs ANTHROPIC_API_KEY; plain \(replay) if it never calls the engine) "
                    + "and commit \(layout.display(listing.runsFolder))/")
        case .missing:
            return Diagnostic(
                severity, at: listing.location, "\(listing.file) has no stored run; its page shows no output",
                help: "run \(command) and commit \(layout.display(listing.runsFolder))/")
        case .stale(let reasons):
            return Diagnostic(
                severity, at: listing.location, "the stored run of \(listing.file) is stale",
                help: needsRecording
                    ? "record it again with \(command)"
                    : "refresh it with \(command); if the listing's requests changed, record it with \(record)",
                reasons: reasons)
        case .unreadable(let problem):
            return Diagnostic(
                severity, at: listing.location, "cannot read the stored run of \(listing.file)", help: "make it again with \(command)",
                reasons: [problem])
        case .misplaced(let problem):
            return Diagnostic(
                severity, at: listing.location, "cannot read the stored run of \(listing.file)",
                help: "make \(layout.display(listing.runsFolder))/ a plain folder inside the note, then run \(command)", reasons: [problem])
        case .unfinished:
            return Diagnostic(
                severity, at: listing.location, "a `notes run` was stopped while storing the run of \(listing.file)",
                help: "run \(replay) to finish storing it")
        }
    }

    func warning(in layout: ProjectLayout) -> Diagnostic? { finding(.warning, in: layout) }
}
