import ArgumentParser

/// Where a run's answers come from, as one of three exclusive flags (`notes exec`, `notes run`).
enum ModeFlag: String, EnumerableFlag {
    case replay, record, live

    static func help(for value: ModeFlag) -> ArgumentHelp? {
        switch value {
        case .replay: "Answer from the cassette, offline."
        case .record: "Forward to the engine and save every exchange to the cassette."
        case .live: "Forward to the engine and keep nothing."
        }
    }
}
