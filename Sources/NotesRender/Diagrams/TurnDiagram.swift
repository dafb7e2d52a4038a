/// One model turn fanning out to the tool calls it asked for, their results funnelled back into
/// the next turn: an authored `turn` figure, or one drawn from a recorded step.
package struct TurnDiagram: Hashable, Sendable {
    /// One `tool_use` block of the turn.
    package struct Call: Hashable, Sendable {
        /// The tool's name, e.g. `check_calendar`.
        package var name: String
        /// A short note on the input, e.g. `james@abc.com`; may be empty.
        package var detail: String

        /// Creates a call.
        package init(name: String, detail: String) {
            self.name = name
            self.detail = detail
        }
    }

    /// The turn that asked for the calls, e.g. "Step 2".
    package var turnLabel: String
    /// The calls, top to bottom.
    package var calls: [Call]
    /// The turn that reads the results, e.g. "Step 3".
    package var nextLabel: String

    /// Creates a turn diagram; the site stage also builds one from a recorded step.
    package init(turnLabel: String, calls: [Call], nextLabel: String) {
        self.turnLabel = turnLabel
        self.calls = calls
        self.nextLabel = nextLabel
    }

    /// The label of the first box when the fence does not name it.
    static let defaultTurnLabel = "Model turn"
    /// The label of the last box when the fence does not name it.
    static let defaultNextLabel = "Next turn"
}
