/// What a highlighted token is; each case becomes `<span class="hl-XX">` and a stylesheet colours it.
///
/// | class        | meaning                                                                 |
/// |--------------|-------------------------------------------------------------------------|
/// | `hl-k`       | keyword (`def`, `if`, `func`, `let`, shell `if`/`then`/`fi`, `#if`)      |
/// | `hl-s`       | string, including its quotes and prefix (`f"…"`, `#"…"#`, heredoc body)  |
/// | `hl-e`       | escape or interpolation inside a string (`\n`, `{expr}`, `\(x)`, `$(…)`) |
/// | `hl-c`       | comment                                                                 |
/// | `hl-n`       | number (`1_000`, `0x1F`, `1e-3`, `1.5j`)                                 |
/// | `hl-l`       | literal constant (`True`/`False`/`None`, `true`/`false`/`null`/`nil`)    |
/// | `hl-b`       | builtin (`print`, `len`, `range`, `isinstance`; shell `echo`, `cd`)      |
/// | `hl-f`       | function name: after `def`/`func`, a called name before `(`, a command   |
/// | `hl-t`       | type name: after `class`/`struct`/`enum`/`protocol`, capitalized in Swift |
/// | `hl-d`       | decorator or attribute (`@dataclass`, `@MainActor`, `#expect`)           |
/// | `hl-o`       | operator (`=`, `+`, `->`, `&&`, `|`, `>`)                                |
/// | `hl-p`       | property: a JSON object key                                             |
/// | `hl-v`       | shell variable (`$X`, `${X}`, `$?`) and `$(`…`)` delimiters              |
/// | `hl-prompt`  | console prompt (`$ ` or `# `)                                           |
/// | `hl-out`     | console output line                                                     |
///
/// Plain identifiers, punctuation and whitespace are never wrapped.
enum HighlightClass: UInt8, Sendable {
    case keyword, string, escape, comment, number, literal, builtin, function, type
    case decorator, `operator`, property, variable, prompt, output

    /// The opening tag, as a static string so writing it never allocates.
    var openTag: StaticString {
        switch self {
        case .keyword: "<span class=\"hl-k\">"
        case .string: "<span class=\"hl-s\">"
        case .escape: "<span class=\"hl-e\">"
        case .comment: "<span class=\"hl-c\">"
        case .number: "<span class=\"hl-n\">"
        case .literal: "<span class=\"hl-l\">"
        case .builtin: "<span class=\"hl-b\">"
        case .function: "<span class=\"hl-f\">"
        case .type: "<span class=\"hl-t\">"
        case .decorator: "<span class=\"hl-d\">"
        case .operator: "<span class=\"hl-o\">"
        case .property: "<span class=\"hl-p\">"
        case .variable: "<span class=\"hl-v\">"
        case .prompt: "<span class=\"hl-prompt\">"
        case .output: "<span class=\"hl-out\">"
        }
    }
}
