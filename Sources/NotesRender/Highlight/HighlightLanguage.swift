/// A language the highlighter knows, whatever name or alias a fence used for it.
package enum HighlightLanguage: String, Sendable, CaseIterable {
    case python
    case json
    /// Shell scripts: bash, sh, zsh.
    case shell
    /// A terminal transcript: `$ ` or `# ` lines are shell commands, the rest is their output.
    case console
    case swift

    /// The language a fence or file names, matching aliases case-insensitively; nil when unsupported.
    package init?(name: String) {
        switch name.lowercased() {
        case "python", "py", "python3": self = .python
        case "json": self = .json
        case "shell", "sh", "bash", "zsh": self = .shell
        case "console", "shell-session": self = .console
        case "swift": self = .swift
        default: return nil
        }
    }
}
