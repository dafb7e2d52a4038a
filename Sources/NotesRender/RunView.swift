/// A listing's run as its page shows it: the command, what it printed, how it ended, where the run
/// came from, and the agent's steps. Built by the site stage from a stored transcript.
public struct RunView: Hashable, Sendable {
    /// One line the program printed.
    public struct OutputLine: Hashable, Sendable {
        public var text: String
        public var isError: Bool
        public init(text: String, isError: Bool) {
            self.text = text
            self.isError = isError
        }
    }

    /// One agent step: what the model thought and said, the tools it called and what came back.
    public struct Step: Hashable, Sendable {
        public enum Item: Hashable, Sendable {
            case thought(String)
            /// Thinking the engine returned encrypted.
            case redactedThought
            case says(String)
            case action(name: String, input: String)
            case observation(String, isError: Bool)
        }
        /// "Step 1" or "Final".
        public var label: String
        public var items: [Item]
        public init(label: String, items: [Item]) {
            self.label = label
            self.items = items
        }
    }

    /// `python parallel_tools.py`.
    public var command: String
    public var seconds: Double
    /// `exit 0`, `exit 1`, `timed out after 120 s`.
    public var exitSummary: String
    public var succeeded: Bool
    public var output: [OutputLine]
    /// One sentence: recorded or reconstructed, when, against which model, how it was replayed.
    public var provenance: String
    public var steps: [Step]
    public var modelCalls: Int
    public var toolCalls: Int
    /// The timing lanes, when the run made model calls.
    public var timeline: RunTimeline?

    public init(command: String, seconds: Double, exitSummary: String, succeeded: Bool, output: [OutputLine], provenance: String,
                steps: [Step], modelCalls: Int, toolCalls: Int, timeline: RunTimeline?) {
        self.command = command
        self.seconds = seconds
        self.exitSummary = exitSummary
        self.succeeded = succeeded
        self.output = output
        self.provenance = provenance
        self.steps = steps
        self.modelCalls = modelCalls
        self.toolCalls = toolCalls
        self.timeline = timeline
    }
}
