import Foundation
import Mustache
import NotesDiagnostics
import NotesMarkdown
import NotesRecords

/// The site's Mustache templates, loaded and checked once per build.
///
/// Every `*.mustache` file under the templates folder is registered by its path without the
/// extension (`note`, `partials/head`). Parse errors and references to missing partials are reported
/// as `templates/<file>:<line>:<col>` before anything renders.
package struct TemplateSet: Sendable {
    /// The templates every site needs.
    package static let required = ["layout", "note", "index", "tag", "404"]

    private let library: MustacheLibrary
    /// Every template's name (`note`, `partials/run-player`).
    package let names: Set<String>

    /// Loads the templates in `directory`; `displayPath` is how error messages name that folder.
    ///
    /// With `root`, every template must resolve (symbolic links followed) to a file inside it.
    package init(directory: URL, displayPath: String, root: URL? = nil) throws(DiagnosticList) {
        var library = MustacheLibrary()
        var sources: [String: String] = [:]
        // Templates that exist but could not be read or parsed: their own error says why, so
        // references to them are not reported as missing too.
        var broken: Set<String> = []
        var problems: [Diagnostic] = []
        let files = (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".mustache") }
            .sorted()
        for file in files {
            let name = String(file.dropLast(".mustache".count))
            let path = displayPath + "/" + file
            let url = directory.appendingPathComponent(file)
            if let root, !ConfinedPath.isInside(url, root: root) {
                problems.append(
                    Diagnostic(
                        at: SourceLocation(path: path), "the template leads outside the project (a symbolic link?)",
                        help: "copy the template into \(displayPath)/ instead of linking to it"))
                broken.insert(name)
                continue
            }
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            let text: String
            switch UTF8Text.decode(data, path: path) {
            case .success(let decoded): text = decoded
            case .failure(let problem):
                problems.append(problem)
                broken.insert(name)
                continue
            }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
                sources[name] = text
            } catch let error as MustacheTemplate.ParserError {
                // The parser notices an unclosed section or tag at the end of the file; point at the
                // place it opens instead, which is where the fix goes.
                let opening = Self.unclosedOpening(in: text)
                let location = SourceLocation(
                    path: path, line: opening?.line ?? error.context.lineNumber, column: opening?.column ?? error.context.columnNumber)
                problems.append(
                    Diagnostic(
                        at: location, "template error: \(opening?.problem ?? Self.describe(error.error))",
                        help: opening?.help ?? Self.help(error.error)))
                broken.insert(name)
            } catch {
                problems.append(Diagnostic(at: SourceLocation(path: path), "template error: \(error)"))
                broken.insert(name)
            }
        }
        for name in Self.required where sources[name] == nil && !broken.contains(name) {
            problems.append(
                Diagnostic(
                    at: SourceLocation(path: displayPath + "/" + name + ".mustache"), "missing template `\(name)`",
                    help: "every site needs \(Self.required.map { "`\($0).mustache`" }.joined(separator: ", ")) in \(displayPath)/"))
        }
        var references: [String: [(name: String, line: Int, column: Int)]] = [:]
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            references[name] = Self.partialReferences(in: text)
            for reference in references[name]! where sources[reference.name] == nil && !broken.contains(reference.name) {
                problems.append(
                    Diagnostic(
                        at: SourceLocation(path: displayPath + "/" + name + ".mustache", line: reference.line, column: reference.column),
                        "template `\(name)` includes `\(reference.name)`, which does not exist",
                        help: "add \(displayPath)/\(reference.name).mustache or fix the name"))
            }
        }
        problems += Self.cycles(in: references, displayPath: displayPath)
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        self.library = library
        self.names = Set(sources.keys)
        self.fingerprints = Self.fingerprints(of: sources, references: references)
    }

    /// Each template's fingerprint: a hash of its text and of every template it includes, directly
    /// or through others. A page made from `note` needs filling again only when `note`'s changes.
    package let fingerprints: [String: String]

    private static func fingerprints(
        of sources: [String: String], references: [String: [(name: String, line: Int, column: Int)]]
    ) -> [String: String] {
        var result: [String: String] = [:]
        for name in sources.keys {
            var included: Set<String> = [name]
            var queue = [name]
            while let next = queue.popLast() {
                for reference in references[next] ?? [] where included.insert(reference.name).inserted { queue.append(reference.name) }
            }
            var bytes: [UInt8] = []
            for member in included.sorted() { bytes += Array(member.utf8) + [0] + Array((sources[member] ?? "").utf8) + [0] }
            result[name] = SHA256.hex(of: bytes)
        }
        return result
    }

    /// The replay controls of run panels, when the site's templates have them
    /// (`partials/run-player.mustache`); nil removes the player from every page.
    package var runPlayer: RunPanelRenderer.Player? {
        guard names.contains("partials/run-player") else { return nil }
        return { [self] controls in render("partials/run-player", controls.context) }
    }

    /// Renders the template `name` with `context` (dictionaries, arrays, strings, numbers, booleans).
    package func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    // MARK: - Checking

    /// Templates that include themselves, directly or through others, which would render forever:
    /// one error per cycle, at the reference that closes it.
    private static func cycles(in references: [String: [(name: String, line: Int, column: Int)]], displayPath: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var reported: Set<String> = []
        for start in references.keys.sorted() {
            // Depth-first along references, with an explicit stack (a chain may be long).
            var stack: [(name: String, next: Int)] = [(start, 0)]
            var onPath: [String] = [start]
            while let top = stack.last {
                let edges = references[top.name] ?? []
                guard top.next < edges.count else {
                    stack.removeLast()
                    onPath.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let edge = edges[top.next]
                if edge.name == start {
                    let cycle = (onPath + [start]).joined(separator: " -> ")
                    if reported.insert(Set(onPath).sorted().joined(separator: ",")).inserted {
                        problems.append(
                            Diagnostic(
                                at: SourceLocation(path: displayPath + "/" + top.name + ".mustache", line: edge.line, column: edge.column),
                                "templates include each other in a loop: \(cycle)",
                                help: "a template must not include itself, directly or through another"))
                    }
                } else if !onPath.contains(edge.name), references[edge.name] != nil, onPath.count < 64 {
                    stack.append((edge.name, 0))
                    onPath.append(edge.name)
                }
            }
        }
        return problems
    }

    /// What to do about a parser error.
    private static func help(_ error: any Error) -> String {
        switch error {
        case MustacheTemplate.Error.unfinishedName: "close the tag with }}"
        case MustacheTemplate.Error.sectionCloseNameIncorrect: "close the innermost open section first, with {{/its-name}}"
        case MustacheTemplate.Error.expectedSectionEnd: "close it with {{/its-name}}"
        default: "see the Mustache manual for this tag's syntax"
        }
    }

    /// The first `{{` never closed by `}}`, the first `{{/x}}` that does not close the innermost open
    /// section, or the innermost section (`{{#x}}`, `{{^x}}`, `{{$x}}`, `{{<x}}`) never closed:
    /// where, what is wrong, and the fix.
    static func unclosedOpening(in text: String) -> (line: Int, column: Int, problem: String, help: String)? {
        var open: [(name: String, line: Int, column: Int)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let start = rest.range(of: "{{") {
                let column = line.distance(from: line.startIndex, to: start.lowerBound) + 1
                guard let end = rest[start.upperBound...].range(of: "}}") else {
                    return (index + 1, column, "a tag is not closed with }}", "close the tag with }}")
                }
                let tag = rest[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
                if let sigil = tag.first, "#^$<".contains(sigil) {
                    open.append((String(tag.dropFirst()).trimmingCharacters(in: .whitespaces), index + 1, column))
                } else if tag.first == "/" {
                    let name = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)
                    guard let innermost = open.last else {
                        return (
                            index + 1, column, "`{{/\(name)}}` closes a section that is not open",
                            "remove it, or open the section with {{#\(name)}}"
                        )
                    }
                    guard innermost.name == name else {
                        return (
                            index + 1, column,
                            "`{{/\(name)}}` closes a section, but the innermost open one is `\(innermost.name)` (line \(innermost.line))",
                            "close `\(innermost.name)` first with {{/\(innermost.name)}}, or fix the name"
                        )
                    }
                    open.removeLast()
                }
                rest = rest[end.upperBound...]
            }
        }
        guard let unclosed = open.last else { return nil }
        return (
            unclosed.line, unclosed.column, "the section `\(unclosed.name)` opened here is never closed",
            "close it with {{/\(unclosed.name)}}"
        )
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: "a section is closed with a different name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: "a tag is not closed with }}"
        case MustacheTemplate.Error.expectedSectionEnd: "a section is never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: "a set-delimiter tag is malformed"
        default: "\(error)"
        }
    }

    /// `{{> name}}` and `{{< name}}` tags, with their positions.
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        var references: [(String, Int, Int)] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...].drop { $0 == " " }
                guard let sigil = afterOpen.first, sigil == ">" || sigil == "<",
                    let close = afterOpen.range(of: "}}")
                else {
                    rest = rest[open.upperBound...]
                    continue
                }
                let name = afterOpen[afterOpen.index(after: afterOpen.startIndex)..<close.lowerBound]
                    .trimmingCharacters(in: .whitespaces)
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                references.append((name, lineIndex + 1, column))
                rest = afterOpen[close.upperBound...]
            }
        }
        return references
    }
}
