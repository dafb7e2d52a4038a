import Foundation

/// A listing's stored transcript and whether it still matches the listing, its cassette and the
/// requirements: what `notes build` renders and warns about, and `notes check` fails on.
package struct StoredRun: Sendable {
    package enum Freshness: Hashable, Sendable {
        case fresh
        /// No transcript yet.
        case missing
        /// Made from other inputs; each reason names one.
        case stale([String])
        /// The file could not be read.
        case unreadable(String)
        /// A run file is not one `notes` may read: a folder, or a link out of the note's folder.
        case misplaced(String)
        /// A `notes run` stopped between writing the new cassette and transcript; the next run
        /// finishes the job.
        case unfinished
    }

    package var listing: RunnableListing
    package var transcript: Transcript?
    package var freshness: Freshness
    /// Whether a replay cannot make the run again: the run used a cassette that is now missing or
    /// is not JSON, so only `notes run --record` (against the engine) can.
    package var needsRecording: Bool
    /// Whether nothing was ever recorded for it (no transcript, no cassette): a first run, which must
    /// be recorded if the listing calls the engine.
    package var isFirstRun: Bool

    /// Reads `listing`'s transcript and compares it with the files it was made from.
    package init(_ listing: RunnableListing, projectRoot: URL) {
        self.listing = listing
        let cassette = Self.read(listing.cassette, in: listing.noteFolder)
        let cassetteIsReadable = cassette.map(Self.isCassette) ?? false
        isFirstRun = cassette == nil && !FileManager.default.fileExists(atPath: listing.transcript.path)
        needsRecording = cassette != nil && !cassetteIsReadable
        if RunFiles.hasUnfinishedCommit(listing) {
            transcript = nil
            freshness = .unfinished
            return
        }
        if let problem = Self.problem(with: listing.runsFolder, in: listing.noteFolder)
            ?? Self.problem(with: listing.transcript, in: listing.noteFolder)
        {
            transcript = nil
            freshness = .misplaced(problem)
            return
        }
        guard FileManager.default.fileExists(atPath: listing.transcript.path) else {
            transcript = nil
            freshness = .missing
            return
        }
        do {
            let transcript = try Transcript.load(from: listing.transcript)
            self.transcript = transcript
            if transcript.cassette != nil, !cassetteIsReadable { needsRecording = true }
            freshness = Self.compare(transcript, listing: listing, cassette: cassette, projectRoot: projectRoot)
        } catch let error as DecodingError {
            transcript = nil
            freshness = .unreadable(Self.describe(error))
        } catch {
            transcript = nil
            freshness = .unreadable("\(error)")
        }
    }

    /// A decoding error in words, with where in the file it is.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "" : String(path.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            let place = path(context)
            return "the transcript has no `\(key.stringValue)`" + (place.isEmpty ? "" : " at \(place)")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let expected = type == String.self ? "a string" : type == Int.self ? "a number" : type == Bool.self ? "true or false" : nil
            let place = path(context)
            if place.isEmpty { return "the transcript is not a JSON object" }
            return "the transcript's \(place) is not " + (expected ?? "in the shape notes writes")
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the transcript is not valid JSON" : "the transcript's \(path(context)) is not valid"
        @unknown default:
            return "the transcript is not in the shape notes writes"
        }
    }

    private static func compare(_ transcript: Transcript, listing: RunnableListing, cassette: Data?, projectRoot: URL) -> Freshness {
        var reasons: [String] = []
        if transcript.schema != Transcript.currentSchema {
            reasons.append("the transcript's format is from another version of notes")
        }
        if hash(listing.listingURL) != transcript.listing.sha256 {
            reasons.append("\(listing.file) changed since the run")
        }
        if let stamp = transcript.cassette {
            if let cassette {
                if let problem = cassetteProblem(cassette) {
                    reasons.append("\(stamp.path) is not a readable cassette (\(problem))")
                } else if SHA256.hex(of: [UInt8](cassette)) != stamp.sha256 {
                    reasons.append("\(stamp.path) changed since the run")
                }
            } else {
                reasons.append(Self.problem(with: listing.cassette, in: listing.noteFolder) ?? "\(stamp.path) is missing")
            }
        }
        if let requirements = transcript.requirementsSHA256,
            hash(projectRoot.appendingPathComponent("content/requirements.txt")) != requirements
        {
            reasons.append("content/requirements.txt changed since the run")
        }
        return reasons.isEmpty ? .fresh : .stale(reasons)
    }

    /// Whether `bytes` look like a cassette: JSON holding `log.entries`, as `notes` writes them.
    private static func isCassette(_ bytes: Data) -> Bool { cassetteProblem(bytes) == nil }

    /// Why `bytes` cannot be a cassette, or nil when they have a cassette's shape.
    private static func cassetteProblem(_ bytes: Data) -> String? {
        guard let json = try? JSONValue(parsing: [UInt8](bytes)) else { return "not JSON" }
        return json["log"]?["entries"]?.arrayValue == nil ? "not a HAR file with `log.entries`" : nil
    }

    /// The bytes of a run file, when it is a regular file inside the note's folder.
    private static func read(_ url: URL, in folder: URL) -> Data? {
        problem(with: url, in: folder) == nil ? FileManager.default.contents(atPath: url.path) : nil
    }

    /// Why a run file (or the `runs/` folder) cannot be used: it exists but leads out of the note's
    /// folder, or is a folder where a file belongs.
    package static func problem(with url: URL, in folder: URL) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        let isRunsFolder = url.lastPathComponent == "runs"
        let name = isRunsFolder ? "runs/" : "runs/\(url.lastPathComponent)"
        if isRunsFolder, !isDirectory.boolValue { return "runs is a file, not a folder" }
        if !isRunsFolder, isDirectory.boolValue { return "\(name) is a folder, not a file" }
        if !ConfinedPath.isInside(url, root: folder) { return "\(name) leads outside the note's folder (a symbolic link?)" }
        return nil
    }

    private static func hash(_ url: URL) -> String? {
        FileManager.default.contents(atPath: url.path).map { SHA256.hex(of: [UInt8]($0)) }
    }
}
