import Foundation
import NotesDiagnostics
import NotesMarkdown
import NotesRecords
import NotesRender

/// Resolves a note's body once: numbers every listing and figure and gives each the id its anchor
/// uses, reads listing files, parses diagrams, and checks every file the note refers to.
///
/// A listing fence names a file in the note's folder (` ```python file=parallel_tools.py caption="..." `)
/// and has an empty body: the page shows the file itself. Problems are collected rather than
/// thrown one at a time, so an author sees all of them at once.
struct NoteResolver {
    /// Attributes each kind of fence accepts.
    static let listingAttributes = ["args", "caption", "file", "run", "tools"]
    static let figureAttributes = ["caption", "figure", "from", "step"]

    let folder: URL
    let displayFolder: String
    /// The listings and figures found so far, in order.
    private(set) var elements = NoteElements()
    /// Files to publish beside the page (listing files, images), by name in the folder.
    private(set) var files: Set<String> = []
    private(set) var problems: [Diagnostic] = []
    private var listingNumber = 0
    private var figureNumber = 0
    /// Runnable listings by the stem that names their run files (`hang` for `hang.py`).
    private var runStems: [String: RunnableListing] = [:]

    init(folder: URL, displayFolder: String) {
        self.folder = folder.standardizedFileURL
        self.displayFolder = displayFolder
    }

    /// Resolves every listing, figure and image in `blocks`, in document order (the order the
    /// body renderer meets them).
    mutating func resolve(_ blocks: [Block]) {
        for block in blocks {
            switch block.kind {
            case .codeBlock(let code): resolve(code, at: block.location)
            case .blockQuote(let children): resolve(children)
            case .list(let list):
                for item in list.items { resolve(item) }
            case .paragraph(let inlines):
                checkImages(in: inlines, at: block.location)
                if let (source, title, alt) = BodyRenderer.loneImage(inlines), !title.isEmpty {
                    figureNumber += 1
                    let figure = Figure(
                        number: figureNumber, caption: BodyRenderer.captionInlines(title), drawing: .image(source: source, alt: alt))
                    elements.append(.figure(figure), for: block.location)
                }
            case .heading(_, let inlines): checkImages(in: inlines, at: block.location)
            case .thematicBreak, .html: break
            }
        }
    }

    // MARK: - Fences

    private mutating func resolve(_ code: CodeBlock, at location: SourceLocation) {
        guard code.isFenced else { return }
        if let quote = code.info.unterminatedQuoteAt {
            problems.append(
                Diagnostic(at: quote, "unterminated quote in the fence's attributes", help: "close the value with a matching quote"))
            return
        }
        let role = code.info.role
        let allowed = role == .figure ? Self.figureAttributes : Self.listingAttributes
        var valid = true
        var seen: Set<String> = []
        for attribute in code.info.attributes where !seen.insert(attribute.key).inserted {
            valid = false
            problems.append(
                Diagnostic(
                    at: attribute.location, "attribute `\(attribute.key)` is given twice",
                    help: "keep one `\(attribute.key)`; the fence would otherwise say two things"))
        }
        for attribute in code.info.attributes where !allowed.contains(attribute.key) {
            valid = false
            let noun = role == .figure ? "figure" : "listing"
            let nearest = allowed.min { editDistance(attribute.key, $0) < editDistance(attribute.key, $1) }
            var help = "\(noun == "figure" ? "Figures" : "Listings") take: \(allowed.joined(separator: ", "))"
            if let nearest, editDistance(attribute.key, nearest) <= 2 { help = "did you mean `\(nearest)`? " + help }
            problems.append(Diagnostic(at: attribute.location, "unknown \(noun) attribute `\(attribute.key)`", help: help))
        }
        guard valid else { return }
        if role == .figure {
            figureNumber += 1
            if let drawing = resolveFigure(code, at: location) {
                let caption = BodyRenderer.captionInlines(code.info["caption"])
                elements.append(.figure(Figure(number: figureNumber, caption: caption, drawing: drawing)), for: location)
            }
            return
        }
        guard role == .listing else { return }
        listingNumber += 1
        let caption = code.info["caption"].map { MarkdownParser().parseInline($0) } ?? []
        guard let file = code.info.attribute("file") else {
            for key in ["run", "tools", "args"] {
                if let attribute = code.info.attribute(key) {
                    problems.append(
                        Diagnostic(
                            at: attribute.location, "`\(key)` needs the listing's code in a file",
                            help: "move the code to a file in \(displayFolder)/ and name it with `file=`"))
                }
            }
            let listing = Listing(fileName: "", language: code.info.language, code: code.literal, caption: caption, number: listingNumber)
            elements.append(.listing(listing), for: location)
            return
        }
        guard let text = readListingFile(file, body: code.literal, fence: location) else { return }
        let language = code.info.language.isEmpty ? Self.language(forFile: file.value) : code.info.language
        if let tools = code.info.attribute("tools"), !RunnableListing.pythonLanguages.contains(language.lowercased()) {
            problems.append(
                Diagnostic(
                    at: tools.location, "`tools=` applies only to Python listings, not `\(language)`",
                    help: "remove it: tool calls of other languages are timed as one span between model calls"))
            return
        }
        if let tools = code.info.attribute("tools") {
            guard code.info.attribute("run") != nil else {
                problems.append(
                    Diagnostic(
                        at: tools.location, "`tools=` has no effect on a listing that does not run",
                        help: "add `run` to the fence, or remove `tools=`"))
                return
            }
            let names = tools.value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if let bad = names.first(where: { !Self.isPythonName($0) }) {
                problems.append(
                    Diagnostic(
                        at: tools.location, "`tools=` names `\(bad)`, which is not a Python function name",
                        help: "list the functions that execute tool calls, comma-separated, e.g. tools=run_tool"))
                return
            }
        }
        var runnable: RunnableListing?
        if code.info.attribute("run") != nil {
            runnable = RunnableListing(
                noteSlug: folder.lastPathComponent, noteFolder: folder, file: file.value, language: language,
                arguments: (code.info["args"] ?? "").split(separator: " ").map(String.init),
                toolFunctions: (code.info["tools"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                location: location)
            if let runnable, let earlier = runStems[runnable.stem] {
                problems.append(
                    Diagnostic(
                        at: location,
                        "`\(runnable.file)` would store its run in the same files as `\(earlier.file)` (line \(earlier.location.line)): "
                            + "runs/\(runnable.stem).transcript.json",
                        help: "rename one of the files; a note's run listings need different names before the extension"))
                return
            }
            if let runnable { runStems[runnable.stem] = runnable }
        }
        let listing = Listing(
            fileName: file.value, language: language, code: text, caption: caption, number: listingNumber, runnable: runnable)
        elements.append(.listing(listing), for: location)
        files.insert(file.value)
    }

    /// What a `figure` fence draws; nil (with a problem noted) when it cannot be drawn.
    private mutating func resolveFigure(_ code: CodeBlock, at location: SourceLocation) -> Figure.Drawing? {
        let language = code.info.language
        guard FenceInfo.diagramLanguages.contains(language) else {
            for key in ["from", "step"] {
                if let attribute = code.info.attribute(key) {
                    problems.append(Diagnostic(at: attribute.location, "`\(key)` applies only to `lanes` and `turn` diagrams"))
                }
            }
            return .text(code.literal)
        }
        if let from = code.info.attribute("from") {
            if !code.literal.isEmpty {
                problems.append(
                    Diagnostic(
                        at: location, "a diagram drawn `from=\(from.value)` has a body too",
                        help: "leave the fence empty: the drawing comes from the stored run"))
            }
            var step: Int?
            if language == "turn" {
                guard let text = code.info["step"] else {
                    problems.append(
                        Diagnostic(
                            at: from.location, "a `turn` drawn from a run needs `step=N`",
                            help: "name the step whose tool calls it shows, e.g. step=2"))
                    return nil
                }
                guard let number = Int(text), number > 0 else {
                    problems.append(
                        Diagnostic(
                            at: code.info.attribute("step")!.location, "`step` must be a step number from 1, not `\(text)`",
                            help: "name the step whose tool calls it shows, e.g. step=2"))
                    return nil
                }
                step = number
            }
            if language == "lanes", let stray = code.info.attribute("step") {
                problems.append(
                    Diagnostic(at: stray.location, "`step` applies only to a `turn`", help: "remove it: `lanes` draw the whole run"))
                return nil
            }
            return .fromRun(RunFigure(file: from.value, language: language, step: step, location: from.location))
        }
        if let stray = code.info.attribute("step") {
            problems.append(
                Diagnostic(
                    at: stray.location, "`step` applies only to a `turn` drawn from a run",
                    help: "add `from=FILE` to draw from a listing's run, or remove `step`"))
            return nil
        }
        let bodyStart = SourceLocation(path: location.path, line: location.line + 1, column: location.column)
        do {
            return .diagram(try Diagram.parse(language: language, text: code.literal, bodyStart: bodyStart))
        } catch {
            problems += error.diagnostics
            return nil
        }
    }

    /// Checks every `from=` figure names a runnable listing of this note; call after ``resolve(_:)``.
    mutating func checkFiguresFromRuns() {
        let runnableFiles = Set(elements.runnable.map(\.file))
        for figure in elements.figures {
            guard case .fromRun(let source) = figure.drawing, !runnableFiles.contains(source.file) else { continue }
            problems.append(
                Diagnostic(
                    at: source.location, "`from=\(source.file)` does not name a runnable listing of this note",
                    help: "name the `file=` of a listing fence marked `run`"))
        }
    }

    private mutating func readListingFile(_ file: FenceInfo.Attribute, body: String, fence: SourceLocation) -> String? {
        guard !file.value.isEmpty else {
            problems.append(
                Diagnostic(
                    at: file.location, "`file=` needs a file name", help: "name a file in \(displayFolder)/, e.g. file=parallel_tools.py"))
            return nil
        }
        guard let url = inside(file.value) else {
            problems.append(
                Diagnostic(
                    at: file.location, "listing file `\(file.value)` is outside the note's folder",
                    help: "keep listings in \(displayFolder)/ and name them relative to it, e.g. file=parallel_tools.py"))
            return nil
        }
        if !body.isEmpty {
            problems.append(
                Diagnostic(
                    at: fence, "listing has both a body and `file=\(file.value)`",
                    help: "leave the fence empty: the page shows the file itself, so page and program never disagree"))
            return nil
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            problems.append(
                Diagnostic(
                    at: file.location, "`\(file.value)` in \(displayFolder)/ is a folder, not a listing file",
                    help: "name a file, e.g. file=\(file.value)/agent.py"))
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            problems.append(
                Diagnostic(
                    at: file.location, "listing file `\(file.value)` not found in \(displayFolder)/",
                    help: "create \(displayFolder)/\(file.value), or fix the name in `file=`"))
            return nil
        }
        switch UTF8Text.decode(data, path: displayFolder + "/" + file.value) {
        case .success(let text):
            return text
        case .failure(let problem):
            let place = problem.location.map { "\($0)" } ?? file.value
            problems.append(
                Diagnostic(
                    at: file.location, "listing file `\(file.value)` is not UTF-8 text", help: "save it as UTF-8",
                    reasons: ["\(place): the first byte that is not part of a UTF-8 character"]))
            return nil
        }
    }

    // MARK: - Images

    private mutating func checkImages(in inlines: [Inline], at location: SourceLocation) {
        for inline in inlines {
            switch inline {
            case .image(let source, _, let alt):
                checkImage(source, at: location)
                checkImages(in: alt, at: location)
            case .emphasis(let children), .strong(let children), .link(_, _, let children):
                checkImages(in: children, at: location)
            default: break
            }
        }
    }

    private mutating func checkImage(_ source: String, at location: SourceLocation) {
        // Only files of the note are checked and published; addresses elsewhere are the author's business.
        guard !source.contains("://"), !source.hasPrefix("/"), !source.hasPrefix("data:"), !source.hasPrefix("#") else { return }
        let path = source.split(separator: "#").first.map(String.init) ?? source
        guard let url = inside(path) else {
            problems.append(
                Diagnostic(at: location, "image `\(source)` is outside the note's folder", help: "put the image in \(displayFolder)/"))
            return
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            problems.append(
                Diagnostic(at: location, "image `\(source)` not found in \(displayFolder)/", help: "add the file, or fix the path"))
            return
        }
        files.insert(path)
    }

    // MARK: - Paths

    /// The file `relative` names, if it stays inside the note's folder once `..` and symbolic links
    /// are resolved.
    private func inside(_ relative: String) -> URL? {
        guard !relative.hasPrefix("/"), !relative.hasPrefix("~") else { return nil }
        var parts: [Substring] = []
        for part in relative.split(separator: "/") where part != "." {
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        guard !parts.isEmpty else { return nil }
        let path = folder.path + "/" + parts.joined(separator: "/")
        // A symbolic link may still lead out; a file that does not exist is reported as missing later.
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            guard let base = realpath(folder.path, nil) else { return nil }
            defer { free(base) }
            guard String(cString: resolved).hasPrefix(String(cString: base) + "/") else { return nil }
        }
        return URL(fileURLWithPath: path)
    }

    /// Whether `name` is a Python identifier (ASCII): a letter or `_`, then letters, digits and `_`.
    static func isPythonName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    /// The highlighting language for a listing file, from its extension.
    static func language(forFile name: String) -> String {
        switch name.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
        case "py": "python"
        case "json", "jsonl": "json"
        case "sh", "bash", "zsh": "shell"
        case "swift": "swift"
        case let other: other
        }
    }
}
