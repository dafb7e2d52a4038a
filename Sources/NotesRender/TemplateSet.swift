import Foundation
import Mustache
import NotesDiagnostics

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
    package init(directory: URL, displayPath: String) throws(DiagnosticList) {
        var library = MustacheLibrary()
        var sources: [String: String] = [:]
        var problems: [Diagnostic] = []
        let files = (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".mustache") }
            .sorted()
        for file in files {
            let name = String(file.dropLast(".mustache".count))
            let path = displayPath + "/" + file
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            do {
                library.register(try MustacheTemplate(string: text), named: name)
                sources[name] = text
            } catch let error as MustacheTemplate.ParserError {
                let location = SourceLocation(path: path, line: error.context.lineNumber, column: error.context.columnNumber)
                problems.append(
                    Diagnostic(
                        at: location, "template error: \(Self.describe(error.error))",
                        help: "check that every {{#section}} is closed by a matching {{/section}}"))
            } catch {
                problems.append(Diagnostic(at: SourceLocation(path: path), "template error: \(error)"))
            }
        }
        for name in Self.required
        where sources[name] == nil && !problems.contains(where: { $0.location?.path == displayPath + "/" + name + ".mustache" }) {
            problems.append(
                Diagnostic(
                    at: SourceLocation(path: displayPath + "/" + name + ".mustache"), "missing template `\(name)`",
                    help: "every site needs \(Self.required.map { "`\($0).mustache`" }.joined(separator: ", ")) in \(displayPath)/"))
        }
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            for reference in Self.partialReferences(in: text) where sources[reference.name] == nil {
                problems.append(
                    Diagnostic(
                        at: SourceLocation(path: displayPath + "/" + name + ".mustache", line: reference.line, column: reference.column),
                        "template `\(name)` includes `\(reference.name)`, which does not exist",
                        help: "add \(displayPath)/\(reference.name).mustache or fix the name"))
            }
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        self.library = library
        self.names = Set(sources.keys)
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
