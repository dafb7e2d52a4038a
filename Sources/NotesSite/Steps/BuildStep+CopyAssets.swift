import Foundation

extension BuildStep {
    /// Copies `templates/assets/` to `assets/` in the site (style sheets, fonts, icons).
    package static let copyAssets = BuildStep("copy assets") { context in
        let source = context.layout.templates.appendingPathComponent("assets", isDirectory: true)
        guard let enumerator = FileManager.default.enumerator(atPath: source.path) else { return }
        let files = (enumerator.allObjects as? [String] ?? []).sorted()
        for file in files {
            let url = source.appendingPathComponent(file)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            guard !file.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            try context.output.copy(url, to: "assets/" + file)
            context.filesWritten += 1
        }
    }
}
