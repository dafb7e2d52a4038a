import Foundation
import NotesDiagnostics

extension ProjectLayout {
    /// The published site's folder, `site/`: what `notes build` writes unless told otherwise.
    package var publishedOutput: URL { root.appendingPathComponent("site", isDirectory: true).standardizedFileURL }

    /// `path` (a `--output` value) as a folder: relative to the project folder unless absolute.
    package func outputFolder(_ path: String) -> URL {
        URL(fileURLWithPath: path, isDirectory: true, relativeTo: root).standardizedFileURL
    }

    /// Why the site must not be built into `folder`, from where it lies, or nil when it may be.
    ///
    /// A build replaces its output folder whole (``StagedOutput``), so the folder may not be the
    /// project or hold it; it may not lie among the sources the build reads (`content/`,
    /// `templates/`), nor inside the published `site/`, which the next build would replace. Anywhere
    /// else is fine, outside the project too (a CI artifact folder, another checkout): an existing
    /// folder there is checked by ``outputRefusal(_:)``.
    package func outputProblem(_ folder: URL) -> String? {
        let target = Self.components(folder)
        let project = Self.components(root)
        let shown = display(folder)
        if target == project { return "--output cannot be the project folder: a build replaces its output folder whole" }
        if project.starts(with: target) { return "--output \(shown) holds the project: a build replaces its output folder whole" }
        for (source, name) in [(content, "content/"), (templates, "templates/")] where target.starts(with: Self.components(source)) {
            return "--output \(shown) is inside \(name), which the build reads its notes and templates from"
        }
        let site = Self.components(publishedOutput)
        if target.count > site.count, target.starts(with: site) {
            return "--output \(shown) is inside site/, which every `notes build` replaces whole"
        }
        return nil
    }

    /// The finding for an output folder that exists but was not made by `notes build` (the lock file
    /// every build leaves beside its output is missing), or is a file or a symbolic link (the swap
    /// would move the link, not the folder): building there would replace what it holds. An empty
    /// folder, and the published `site/`, are always accepted.
    package func outputRefusal(_ folder: URL) -> Diagnostic? {
        let fileManager = FileManager.default
        let shown = display(folder)
        if folder.standardizedFileURL == publishedOutput { return nil }  // as it always was
        if (try? fileManager.attributesOfItem(atPath: folder.path)[.type] as? FileAttributeType) == .typeSymbolicLink {
            return Diagnostic(
                at: nil, "--output \(shown) is a symbolic link", help: "name the folder it points to, or a new folder")
        }
        var isFolder: ObjCBool = false
        guard fileManager.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return nil }
        guard isFolder.boolValue else {
            return Diagnostic(at: nil, "--output \(shown) is a file", help: "name a folder to build the site into")
        }
        if (try? fileManager.contentsOfDirectory(atPath: folder.path))?.isEmpty ?? false { return nil }
        let lock = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).lock")
        if fileManager.fileExists(atPath: lock.path) { return nil }
        return Diagnostic(
            at: nil, "\(shown)/ already exists and was not built by notes",
            help: "a build replaces its output folder whole: pass a new or empty folder, or remove \(shown)/ first")
    }

    /// The path's components with symbolic links resolved, to compare folders.
    private static func components(_ url: URL) -> [String] {
        url.standardizedFileURL.resolvingSymlinksInPath().pathComponents
    }
}
