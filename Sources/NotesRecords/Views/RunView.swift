/// A listing's run as its page shows it: the command, what it printed, how it ended, where the run
/// came from, and the agent's steps. Built by the site stage from a stored transcript.
package struct RunView: Hashable, Sendable {
    /// One line the program printed.
    package struct OutputLine: Hashable, Sendable {
        package var text: String
        package var isError: Bool
        package init(text: String, isError: Bool) {
            self.text = text
            self.isError = isError
        }
    }

    /// One agent step: what the model thought and said, the tools it called and what came back.
    package struct Step: Hashable, Sendable {
        package enum Item: Hashable, Sendable {
            case thought(String)
            /// Thinking the engine returned encrypted.
            case redactedThought
            case says(String)
            case action(name: String, input: String)
            case observation(String, isError: Bool)
        }
        /// "Step 1" or "Final".
        package var label: String
        package var items: [Item]
        package init(label: String, items: [Item]) {
            self.label = label
            self.items = items
        }
    }

    /// `python parallel_tools.py`.
    package var command: String
    package var seconds: Double
    /// `exit 0`, `exit 1`, `timed out after 120 s`.
    package var exitSummary: String
    package var succeeded: Bool
    package var output: [OutputLine]
    /// One sentence: recorded or reconstructed, when, against which model, how it was replayed.
    package var provenance: String
    package var steps: [Step]
    package var modelCalls: Int
    package var toolCalls: Int
    /// The timing lanes, when the run made model calls.
    package var timeline: RunTimeline?

    package init(
        command: String, seconds: Double, exitSummary: String, succeeded: Bool, output: [OutputLine], provenance: String,
        steps: [Step], modelCalls: Int, toolCalls: Int, timeline: RunTimeline?
    ) {
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
