import NotesDiagnostics
import NotesRecords

/// Why a listing could not be run or its run could not be kept. A listing that runs and exits
/// non-zero is not an error: that is data in its transcript.
package struct RunError: Error, StageError {
    /// What kind of failure; compare with the static members.
    package struct Code: Hashable, Sendable {
        private enum Value { case failed, interrupted, replayMiss }
        private let value: Value
        package static let failed = Code(value: .failed)
        /// Stopped by Ctrl-C (or SIGTERM) before it finished.
        package static let interrupted = Code(value: .interrupted)
        /// The listing sent a request its cassette does not hold.
        package static let replayMiss = Code(value: .replayMiss)
    }

    package let code: Code
    package let location: SourceLocation?
    package let message: String
    package let help: String?
    package let reasons: [String]

    init(_ code: Code = .failed, at location: SourceLocation?, _ message: String, help: String? = nil, reasons: [String] = []) {
        self.code = code
        self.location = location
        self.message = message
        self.help = help
        self.reasons = reasons
    }

    /// The error for a listing stopped before it finished; its files are left as they were.
    package static func interrupted(_ listing: RunnableListing) -> RunError {
        RunError(
            .interrupted, at: listing.location, "interrupted: \(listing.name) was stopped before it finished",
            help: "its transcript and cassette were left as they were")
    }
}
