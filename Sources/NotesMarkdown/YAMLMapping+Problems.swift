import Foundation
import NotesDiagnostics
import Yams

// What libyaml reports, turned into the place an author must look and advice that fits.
//
// libyaml says where it gave up, which is often past the mistake: an unclosed quote is reported
// at the end of the text or at the next quote, an unclosed `[` on the next line, an over-indented
// line at its first `:`. Each case below finds the real place in the text.
extension YAMLMapping {
    static func describe(_ error: YamlError, origin: SourceLocation, yaml: String) -> MarkdownError {
        let text = YAMLText(yaml)
        func place(line: Int, column: Int) -> SourceLocation {
            SourceLocation(path: origin.path, line: origin.line + line - 1, column: column)
        }
        func invalid(_ line: Int, _ column: Int, _ message: String, help: String) -> MarkdownError {
            MarkdownError(.invalidYAML, at: place(line: line, column: column), "invalid YAML: \(message)", help: help)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let contextText = context?.text ?? ""
            if contextText.contains("quoted scalar") {
                if problem.contains("escape") {
                    return invalid(
                        mark.line, mark.column, "unknown escape sequence in a double-quoted value",
                        help: "inside double quotes, write a backslash as \\\\ (or use single quotes)")
                }
                let start = context!.mark
                return invalid(
                    start.line, start.column, "the quote opened here is never closed", help: "close the quote on the same line it opens")
            }
            if let quoted = text.quotedValue(endingBefore: mark.line, mark.column) {
                if quoted.startLine < mark.line {
                    return invalid(
                        quoted.startLine, quoted.startColumn,
                        "the quote opened here is not closed on its line, so the value runs on to line \(origin.line + mark.line - 1)",
                        help: "close the quote on the same line it opens")
                }
                return invalid(
                    mark.line, mark.column, "text after the closing quote",
                    help: quoted.quote == "'"
                        ? "put the whole value inside the quotes; inside single quotes, write a quote as '' (it''s)"
                        : "put the whole value inside the quotes; inside double quotes, write a quote as \\\"")
            }
            if problem.contains("did not find expected ',' or"), let context, context.mark.line < mark.line {
                let isList = contextText.contains("sequence")
                return invalid(
                    context.mark.line, context.mark.column, "the \(isList ? "list" : "mapping") opened here is never closed",
                    help: "close it with `\(isList ? "]" : "}")` on the same line it opens")
            }
            if text.character(before: mark.line, mark.column).map({ $0 == "]" || $0 == "}" }) == true {
                return invalid(
                    mark.line, mark.column, "text after the closing bracket",
                    help: "put every entry inside the brackets, e.g. `tags: [a, b]`")
            }
            if problem.contains("mapping values are not allowed"), let above = text.valueLineAbove(indentedLine: mark.line) {
                return invalid(
                    mark.line, text.indentation(of: mark.line) + 1,
                    "this line is indented, so it reads as more of the value on line \(origin.line + above - 1)",
                    help: "start the field at the beginning of the line; an indented line continues the value above it")
            }
            if text.character(at: mark.line, mark.column) == "\t" || problem.contains("tab character") {
                return invalid(
                    mark.line, mark.column, "a tab in the indentation", help: "indent with spaces: YAML does not allow tabs here")
            }
            return invalid(
                mark.line, mark.column, sentence(problem, context: context),
                help: help(for: problem, valueIsQuoted: text.valueIsQuoted(on: mark.line)))
        case .reader(let problem, let offset, _, _):
            let at = offset.map { location(ofByte: $0, in: yaml, origin: origin) } ?? origin
            return MarkdownError(
                .invalidYAML, at: at, "invalid YAML: \(problem)",
                help: problem.contains("control characters") ? "remove the invisible control character here" : "save the file as UTF-8 text"
            )
        case .duplicatedKeysInMapping(let duplicates, _):
            let name = duplicates.first ?? "?"
            return MarkdownError(
                .invalidYAML, at: secondOccurrence(of: name, in: yaml, origin: origin) ?? origin, "the field `\(name)` is given twice",
                help: "keep one `\(name):` line")
        default:
            return MarkdownError(.invalidYAML, at: origin, "invalid YAML", help: "check the lines between the `---` lines")
        }
    }

    /// libyaml's problem as a sentence (lowercase, without its trailing colon).
    private static func sentence(_ problem: String, context: YamlError.Context?) -> String {
        let text = problem.trimmingCharacters(in: CharacterSet(charactersIn: ": "))
        // libyaml names its own setter here; the author needs to know what is wrong with the text.
        if text.contains("nesting level") { return "values are nested too deeply" }
        if let context, text.hasPrefix("found unexpected end of stream") || text.hasPrefix("did not find expected") {
            return "\(text) \(context.text)"
        }
        return text
    }

    /// What to do about a libyaml problem the cases above do not place: advice that fits it, and
    /// never "quote it" for a value that is quoted already.
    private static func help(for problem: String, valueIsQuoted: Bool) -> String {
        if problem.contains("nesting level") { return "front matter fields are flat: `key: value`, lists in [brackets]" }
        if valueIsQuoted { return "write one `key: value` field per line" }
        if problem.contains("mapping values are not allowed") || problem.contains("could not find expected ':'") {
            return "quote a value that contains `: ` or starts with a special character, e.g. title: \"A: B\""
        }
        if problem.contains("cannot start any token") {
            return "quote a value that starts with a special character such as @ or `, e.g. title: \"@home\""
        }
        return "write one `key: value` field per line; quote values with special characters"
    }

    /// The file place of byte `offset` of the YAML text.
    private static func location(ofByte offset: Int, in yaml: String, origin: SourceLocation) -> SourceLocation {
        let bytes = Array(yaml.utf8.prefix(offset))
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        return SourceLocation(path: origin.path, line: origin.line + lines.count - 1, column: (lines.last?.count ?? 0) + 1)
    }

    /// Where `key:` is written the second time, at the start of a line.
    private static func secondOccurrence(of key: String, in yaml: String, origin: SourceLocation) -> SourceLocation? {
        var seen = 0
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.hasPrefix(key + ":") || line.hasPrefix("\"\(key)\":") || line.hasPrefix("'\(key)':") {
            seen += 1
            if seen == 2 { return SourceLocation(path: origin.path, line: origin.line + index, column: 1) }
        }
        return nil
    }
}
