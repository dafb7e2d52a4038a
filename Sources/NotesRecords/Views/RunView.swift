/// A listing's run as its page shows it: the command, what it printed, how it ended, where the run
/// came from, and the agent's steps, each piece with when it happened, so the page can also replay
/// the run. Built from a stored transcript (``init(_:)``); nothing in it is not in the transcript.
package struct RunView: Hashable, Sendable {
    /// One line the program printed.
    package struct OutputLine: Hashable, Sendable {
        package var text: String
        package var isError: Bool
        /// When its first byte arrived, in milliseconds from the process start.
        package var atMS: Int

        package init(text: String, isError: Bool, atMS: Int = 0) {
            self.text = text
            self.isError = isError
            self.atMS = atMS
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

        /// An item with when it happened.
        package struct Entry: Hashable, Sendable {
            package var item: Item
            /// When the item appears: when the reply carrying it ended (or, streamed, when its first
            /// piece arrived); for an observation, when the tool's result was back.
            package var atMS: Int
            /// For an action: when the tool call ended (it is running until then). For streamed
            /// text: when the block was complete.
            package var untilMS: Int?
            /// For streamed text: how much of the shown text had arrived by each moment.
            package var arrivals: [Transcript.Arrival]

            package init(_ item: Item, atMS: Int, untilMS: Int? = nil, arrivals: [Transcript.Arrival] = []) {
                self.item = item
                self.atMS = atMS
                self.untilMS = untilMS
                self.arrivals = arrivals
            }
        }

        /// From 1.
        package var number: Int
        /// "Step 1" or "Final".
        package var label: String
        /// From the start of its model call to the start of the next (or, for the last, the end of
        /// its call), in milliseconds from the process start.
        package var startMS: Int
        package var endMS: Int
        package var entries: [Entry]

        package init(number: Int, label: String, startMS: Int, endMS: Int, entries: [Entry]) {
            self.number = number
            self.label = label
            self.startMS = startMS
            self.endMS = endMS
            self.entries = entries
        }

        /// The items, without their times.
        package var items: [Item] { entries.map(\.item) }
    }

    /// `python parallel_tools.py`.
    package var command: String
    /// How long the run took, start to exit.
    package var durationMS: Int
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
        command: String, durationMS: Int, exitSummary: String, succeeded: Bool, output: [OutputLine], provenance: String,
        steps: [Step], modelCalls: Int, toolCalls: Int, timeline: RunTimeline?
    ) {
        self.command = command
        self.durationMS = durationMS
        self.exitSummary = exitSummary
        self.succeeded = succeeded
        self.output = output
        self.provenance = provenance
        self.steps = steps
        self.modelCalls = modelCalls
        self.toolCalls = toolCalls
        self.timeline = timeline
    }

    /// How long the run took, in seconds.
    package var seconds: Double { Double(durationMS) / 1000 }
}
