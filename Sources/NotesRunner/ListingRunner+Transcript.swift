import Foundation
import NotesDiagnostics
import NotesRecords
import NotesTransport

#if canImport(Glibc)
    import Glibc
#endif

extension ListingRunner {
    /// Everything the run printed and did, as a transcript.
    func makeTranscript(
        _ listing: RunnableListing, command: Interpreter, report: TransportReport, ended: Ended,
        options: RunOptions, process: SpawnedProcess, transportOffset: Double, traces: [ToolTrace],
        cassetteFile: URL?
    ) -> Transcript {
        let durationMS = Int(((ended.end - process.startedAt) * 1000).rounded())
        let (calls, steps, phases) = TranscriptBuilder(
            report: report, transportOffset: transportOffset,
            traces: traces, durationMS: durationMS
        ).build()
        let listingHash = FileManager.default.contents(atPath: listing.listingURL.path).map { SHA256.hex(of: [UInt8]($0)) } ?? ""
        var cassette: Transcript.CassetteStamp?
        if options.mode != .live, let recorded = report.cassette, let file = cassetteFile,
            let bytes = FileManager.default.contents(atPath: file.path)
        {
            cassette = Transcript.CassetteStamp(
                path: "runs/\(listing.cassette.lastPathComponent)", sha256: SHA256.hex(of: [UInt8](bytes)),
                provenance: recorded.metadata.provenance.rawValue,
                recordedAt: Self.rfc3339(recorded.metadata.recordedAt), engine: recorded.metadata.engine)
        }
        return Transcript(
            schema: Transcript.currentSchema, tool: "notes \(toolVersion)",
            listing: .init(path: listing.file, sha256: listingHash), cassette: cassette,
            requirementsSHA256: command.requirementsSHA256, mode: options.mode.rawValue, pace: options.pace.rawValue,
            command: ([command.display, listing.file] + listing.arguments).joined(separator: " "),
            // Project-relative, so a transcript made on another machine reads the same.
            argv: [displayPath(command.executable, base: projectRoot)] + command.arguments + [listing.file] + listing.arguments,
            exit: Self.exitStatus(ended, timeout: options.timeout),
            durationMS: durationMS,
            output: .init(
                lines: ended.output?.lines(origin: process.startedAt, limit: options.outputLimit) ?? [],
                truncated: (ended.output?.droppedBytes ?? 0) > 0),
            modelCalls: calls, steps: steps, toolPhases: phases)
    }

    static func exitStatus(_ ended: Ended, timeout: Duration) -> Transcript.ExitStatus {
        if ended.timedOut { return .timeout(after: Int(timeout.seconds.rounded())) }
        let signal = ended.status & 0x7F
        if signal != 0 { return .signaled(Int(signal)) }
        return .exited(Int((ended.status >> 8) & 0xFF))
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Puts the transcript (and a new recording) in place as a pair (see ``RunFiles``).
    func keep(_ transcript: Transcript, cassette recording: URL?, for listing: RunnableListing) throws(RunError) {
        do {
            try RunFiles.commit(transcript: [UInt8](transcript.encoded()), recording: recording, for: listing)
        } catch {
            throw RunError(at: listing.location, "cannot write the run of \(listing.name)", reasons: ["\(error)"])
        }
    }

    /// Why a recording must not replace the stored run, or nil when it may: the listing must have
    /// exited 0 and every request it sent must have had a whole answer.
    static func recordingFailure(_ transcript: Transcript, report: TransportReport) -> String? {
        let incomplete = report.exchanges.filter { !$0.isRefused && (report.entry(for: $0)?.response.isIncomplete ?? ($0.status == 0)) }
        if !transcript.exit.isSuccess {
            return "the recording failed: the listing ended with \(transcript.exit.summary)"
        }
        if let first = incomplete.first {
            let count = incomplete.count == 1 ? "request \(first.number)" : "\(incomplete.count) requests (first: \(first.number))"
            return "the recording failed: \(count) got no whole answer from the engine"
        }
        return nil
    }

    /// Moves a failed attempt (its transcript and recording) to `.notes/failed/<note>/<stem>-<time>/`.
    func setAside(_ transcript: Transcript, recording: URL?, for listing: RunnableListing) throws(RunError) -> URL {
        let stamp = Self.rfc3339(Date()).prefix(19).replacingOccurrences(of: ":", with: "")
        let folder = scratch.appendingPathComponent("failed/\(listing.noteSlug)/\(listing.stem)-\(stamp)", isDirectory: true)
        do {
            try AtomicFile.write([UInt8](transcript.encoded()), to: folder.appendingPathComponent("transcript.json"))
            if let recording, FileManager.default.fileExists(atPath: recording.path) {
                try FileManager.default.moveItem(at: recording, to: folder.appendingPathComponent("cassette.json"))
            }
        } catch {
            throw RunError(at: listing.location, "cannot set the failed recording of \(listing.name) aside", reasons: ["\(error)"])
        }
        return folder
    }
}
