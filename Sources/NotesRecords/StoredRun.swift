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
    }

    package var listing: RunnableListing
    package var transcript: Transcript?
    package var freshness: Freshness

    /// Reads `listing`'s transcript and compares it with the files it was made from.
    package init(_ listing: RunnableListing, projectRoot: URL) {
        self.listing = listing
        guard FileManager.default.fileExists(atPath: listing.transcript.path) else {
            transcript = nil
            freshness = .missing
            return
        }
        do {
            let transcript = try Transcript.load(from: listing.transcript)
            self.transcript = transcript
            freshness = Self.compare(transcript, listing: listing, projectRoot: projectRoot)
        } catch {
            transcript = nil
            freshness = .unreadable("\(error)")
        }
    }

    private static func compare(_ transcript: Transcript, listing: RunnableListing, projectRoot: URL) -> Freshness {
        var reasons: [String] = []
        if transcript.schema != Transcript.currentSchema {
            reasons.append("the transcript's format is from another version of notes")
        }
        if hash(listing.listingURL) != transcript.listing.sha256 {
            reasons.append("\(listing.file) changed since the run")
        }
        if let cassette = transcript.cassette, hash(listing.cassette) != cassette.sha256 {
            reasons.append("\(cassette.path) changed since the run")
        }
        if let requirements = transcript.requirementsSHA256,
            hash(projectRoot.appendingPathComponent("content/requirements.txt")) != requirements
        {
            reasons.append("content/requirements.txt changed since the run")
        }
        return reasons.isEmpty ? .fresh : .stale(reasons)
    }

    private static func hash(_ url: URL) -> String? {
        FileManager.default.contents(atPath: url.path).map { SHA256.hex(of: [UInt8]($0)) }
    }
}
