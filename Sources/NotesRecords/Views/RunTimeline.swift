/// What happened in one run of a listing, on one time axis: the input of the run's timing lanes.
///
/// Times are seconds from the start of the listing's process. Built by the site stage from a stored
/// transcript; drawn by ``TimelineSVG``.
package struct RunTimeline: Hashable, Sendable {
    /// One call to the model (one HTTP exchange that produced a step).
    package struct ModelCall: Hashable, Sendable {
        /// 1-based step number; the last call of a run that ends without tool use is its final step.
        package var step: Int
        /// "Step 1", ..., "Final".
        package var label: String
        package var start: Double
        /// When the first byte (non-streamed) or first event (streamed) arrived, if known.
        package var firstEvent: Double?
        package var end: Double
        /// Whether the response was streamed (server-sent events).
        package var isStreamed: Bool

        package init(step: Int, label: String, start: Double, firstEvent: Double?, end: Double, isStreamed: Bool) {
            self.step = step
            self.label = label
            self.start = start
            self.firstEvent = firstEvent
            self.end = end
            self.isStreamed = isStreamed
        }
    }

    /// One tool call, or a whole tool phase when the calls were not observed one by one.
    package struct ToolCall: Hashable, Sendable {
        /// The step whose model turn asked for this call.
        package var step: Int
        /// The tool's name (`check_calendar`), or "tools" for a whole phase.
        package var name: String
        /// The `tool_use` id, empty for a whole phase.
        package var id: String
        package var start: Double
        package var end: Double
        /// False when this span is the whole gap between two model calls rather than a measured call.
        package var isMeasured: Bool

        package init(step: Int, name: String, id: String, start: Double, end: Double, isMeasured: Bool) {
            self.step = step
            self.name = name
            self.id = id
            self.start = start
            self.end = end
            self.isMeasured = isMeasured
        }
    }

    /// How long the whole run took, start to exit.
    package var duration: Double
    package var modelCalls: [ModelCall]
    package var toolCalls: [ToolCall]

    package init(duration: Double, modelCalls: [ModelCall], toolCalls: [ToolCall]) {
        self.duration = duration
        self.modelCalls = modelCalls
        self.toolCalls = toolCalls
    }
}
