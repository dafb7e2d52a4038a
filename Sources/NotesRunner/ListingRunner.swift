import Foundation
import NotesDiagnostics
import NotesRecords
import NotesTransport

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one listing for real, as a subprocess talking to its own loopback transport, and turns
/// what happened into a ``Transcript``.
///
/// A run that completes (whatever the listing's exit status, a timeout included) replaces the
/// listing's transcript, and in record mode its cassette, atomically. A run that cannot complete
/// (interrupted, a replay miss, a transport failure) leaves both as they were.
package struct ListingRunner: Sendable {
    package let projectRoot: URL
    /// Commands per fence language, from `site.yml`'s `interpreters`; Python listings use the
    /// project's venv unless `python` is set here.
    package let interpreters: [String: String]
    package let toolVersion: String
    /// The `notes` executable that supervises each listing (``Supervisor``); nil runs listings
    /// directly, without the guarantee that nothing they start outlives them.
    package let supervisor: URL?

    package init(projectRoot: URL, interpreters: [String: String] = [:], toolVersion: String, supervisor: URL? = nil) {
        self.projectRoot = projectRoot
        self.interpreters = interpreters
        self.toolVersion = toolVersion
        self.supervisor = supervisor
    }

    var requirements: URL { projectRoot.appendingPathComponent("content/requirements.txt") }
    var scratch: URL { projectRoot.appendingPathComponent(".notes", isDirectory: true) }

    /// Runs `listing`; see the type's documentation for what is written.
    package func run(
        _ listing: RunnableListing, options: RunOptions,
        progress: @escaping @Sendable (RunProgress) -> Void = { _ in }
    ) async throws(RunError) -> RunResult {
        // A run that died mid-commit finishes its commit first; dead runs' temporary files go.
        // A runs/ that is a link out of the note would have the run read and written elsewhere.
        if let problem = StoredRun.problem(with: listing.runsFolder, in: listing.noteFolder) {
            throw RunError(
                at: listing.location, "cannot store the run of \(listing.file): \(problem)",
                help: "make runs/ a plain folder inside \(listing.noteSlug)/ (move what it holds there), then run again")
        }
        if options.keepsResults { RunFiles.recover(listing) }
        // A run that stores nothing leaves no trace in the note: runs/ goes again if this run made it
        // and it is still empty (rmdir removes only an empty folder). Declared first, so it runs last.
        let hadRunsFolder = FileManager.default.fileExists(atPath: listing.runsFolder.path)
        defer { if !hadRunsFolder { rmdir(listing.runsFolder.path) } }
        let command = try await interpreter(for: listing, progress: progress)
        let replayed = try replayedCassette(listing, options: options)
        let recording =
            options.mode == .replay ? nil : listing.runsFolder.appendingPathComponent(".\(listing.stem).cassette.\(getpid()).partial")
        defer { if let recording { try? FileManager.default.removeItem(at: recording) } }
        if recording != nil { try? FileManager.default.createDirectory(at: listing.runsFolder, withIntermediateDirectories: true) }

        let workspace = try RunWorkspace(scratch: scratch, listing: listing)
        defer { workspace.remove() }
        // A listing that never calls the engine needs no recording: replay it against an empty cassette,
        // so that a request it does make is reported as missing rather than sent anywhere.
        var replayFrom = listing.cassette
        if options.mode == .replay, replayed == nil {
            replayFrom = workspace.temporary.appendingPathComponent("empty.cassette.json")
            let empty = Cassette(
                metadata: .init(recordedAt: Date(), engine: options.engine.absoluteString, toolVersion: toolVersion, provenance: .recorded))
            do { try empty.save(to: replayFrom) } catch {
                throw RunError(at: listing.location, "cannot prepare an empty cassette", reasons: ["\(error)"])
            }
        }
        var configuration = TransportConfiguration(
            mode: options.mode == .live ? .record : options.mode, pace: options.pace,
            cassette: recording ?? replayFrom, engine: options.engine, engineKey: options.engineKey, toolVersion: toolVersion)
        // The listing's own timeout decides: an exchange the engine has not answered when the run is
        // stopped is recorded as unanswered and replays as such, so a replay ends the same way.
        configuration.upstreamTimeout = options.timeout + .seconds(30)
        configuration.certificateAuthorities = options.certificateAuthorities
        configuration.onRequest = { _, method, path in
            if method == "POST", path.hasPrefix("/v1/messages"), !path.hasPrefix("/v1/messages/") { progress(.modelCall) }
        }
        let session: TransportSession
        do { session = try await TransportSession.start(configuration) } catch {
            // Said once, at the listing, with the transport's own words and help.
            let causes = error.asDiagnostics
            throw RunError(
                at: listing.location, "cannot start the transport: " + causes.map(\.message).joined(separator: "; "),
                help: causes.compactMap(\.help).first, reasons: causes.flatMap(\.reasons))
        }

        var spec = ProcessSpec(
            executable: command.executable, arguments: command.arguments + [listing.file] + listing.arguments,
            environment: environment(
                listing, command: command, session: session, workspace: workspace, replayed: replayed, options: options),
            directory: listing.noteFolder, streams: .capture(limit: options.outputLimit), newProcessGroup: true,
            supervisor: supervisor)
        spec.onOutput = { bytes, isStandardError in progress(.output(bytes, isStandardError: isStandardError)) }
        progress(.running)
        let clockAtSpawn = ContinuousClock.now
        let process: SpawnedProcess
        do { process = try SpawnedProcess.spawn(spec) } catch {
            await session.cancel()
            throw RunError(at: listing.location, "cannot start \(command.display)", help: error.help, reasons: error.reasons)
        }
        let ended = await Self.waitForExit(process, timeout: options.timeout)
        if Task.isCancelled {
            await session.cancel()
            throw RunError.interrupted(listing)
        }
        let report: TransportReport
        do { report = try await session.stop() } catch {
            throw RunError(at: listing.location, "the transport failed", reasons: error.asDiagnostics.map(\.description))
        }
        if let miss = report.misses.first {
            throw RunError(
                .replayMiss, at: listing.location,
                replayed == nil
                    ? "\(listing.name) calls the engine but has no recorded run"
                    : "\(listing.name) sent a request its cassette does not hold",
                help: replayed == nil
                    ? "record its run with `\(record(listing))` (needs ANTHROPIC_API_KEY)"
                    : "re-record with `\(record(listing))` if the listing changed on purpose",
                reasons: miss.description.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        let trace = ToolTrace.read(workspace.trace, origin: process.startedAt)
        let transcript = makeTranscript(
            listing, command: command, report: report, ended: ended, options: options, process: process,
            transportOffset: (session.clockStart - clockAtSpawn).seconds, traces: trace.calls,
            cassetteFile: recording ?? (replayed == nil ? nil : listing.cassette))
        progress(.finished(transcript.exit))
        var result = RunResult(listing: listing, transcript: transcript, warnings: report.warnings)
        if options.keepsResults {
            let failure = options.mode == .record ? Self.recordingFailure(transcript, report: report) : nil
            if let failure, !options.keepsFailedRecordings {
                // A failed recording never replaces a good one: it is set aside for a look.
                result.setAside = try setAside(transcript, recording: recording, for: listing)
                result.warnings.append(
                    "\(failure); the stored run was kept, and this attempt is in \(displayPath(result.setAside!))/ "
                        + "(pass --keep-failed to store a failing run on purpose)")
            } else {
                try keep(transcript, cassette: options.mode == .record ? recording : nil, for: listing)
            }
        }
        result.warnings += trace.missingFunctions.map {
            "tools=\($0): \(listing.file) defines no function `\($0)` at module level, so its tool calls were timed as one span; "
                + "name the function that executes a tool call"
        }
        return result
    }

    // MARK: - Pieces

    /// `notes run --record <note>` (or the listing), as it can be typed in the working folder.
    private func record(_ listing: RunnableListing, by selector: String? = nil) -> String {
        suggestedCommand("run", ["--record", selector ?? listing.noteSlug], projectRoot: projectRoot)
    }

    /// The replayed cassette, in replay mode when the listing has one.
    private func replayedCassette(_ listing: RunnableListing, options: RunOptions) throws(RunError) -> Cassette? {
        guard options.mode == .replay, FileManager.default.fileExists(atPath: listing.cassette.path) else { return nil }
        do { return try Cassette.load(from: listing.cassette) } catch {
            let problem = error.asDiagnostics.first
            throw RunError(
                at: problem?.location ?? listing.location, "cannot read the cassette of \(listing.file)",
                help: "record it again with `\(record(listing, by: listing.name))` (needs ANTHROPIC_API_KEY), or restore it from git",
                reasons: error.asDiagnostics.map(\.message))
        }
    }

    private func environment(
        _ listing: RunnableListing, command: Interpreter, session: TransportSession, workspace: RunWorkspace,
        replayed: Cassette?, options: RunOptions
    ) -> [String: String] {
        var notes: [String: String] = [
            "NOTES_LISTING": listing.file, "NOTES_MODE": options.mode.rawValue, "NOTES_TRACE": workspace.trace.path,
            "NOTES_CLOCK_ORIGIN": String(monotonicSeconds()),
        ]
        // In replay the listing lives on the recording's day; recording and live runs keep today.
        if let replayed { notes["NOTES_CLOCK_AT"] = String(replayed.metadata.recordedAt.timeIntervalSince1970) }
        if !listing.toolFunctions.isEmpty { notes["NOTES_TOOLS"] = listing.toolFunctions.joined(separator: ",") }
        return ListingEnvironment(
            binFolders: command.binFolders, home: workspace.home, temporary: workspace.temporary, hookFolder: command.hookFolder,
            transport: session.variables, notes: notes
        ).variables
    }

    /// Waits for the process, ending its group after `timeout` (SIGTERM, then SIGKILL 2 s later)
    /// or when the task is cancelled (SIGKILL).
    static func waitForExit(_ process: SpawnedProcess, timeout: Duration) async -> Ended {
        let timedOut = Latch()
        return await withTaskCancellationHandler {
            await withTaskGroup(of: Ended?.self) { group in
                group.addTask {
                    let (status, output) = await process.wait()
                    return Ended(status: status, output: output, timedOut: false, end: monotonicSeconds())
                }
                group.addTask {
                    guard (try? await Task.sleep(for: timeout)) != nil else { return nil }
                    timedOut.raise()
                    process.signalGroup(SIGTERM)
                    guard (try? await Task.sleep(for: .seconds(2))) != nil else { return nil }
                    process.signalGroup(SIGKILL)
                    return nil
                }
                var ended: Ended?
                while let next = await group.next() {
                    if let next {
                        ended = next
                        group.cancelAll()
                    }
                }
                var result = ended!
                result.timedOut = timedOut.isRaised
                return result
            }
        } onCancel: {
            process.signalGroup(SIGKILL)
        }
    }

    /// How the process ended.
    struct Ended: Sendable {
        var status: Int32
        var output: CapturedOutput?
        var timedOut: Bool
        var end: Double
    }
}
