import Foundation

/// How messages name a file: relative to `base` (the working directory by default) when inside it,
/// else absolute — the way compilers print paths.
package func displayPath(_ url: URL, base: URL? = nil) -> String {
    let path = url.standardizedFileURL.path
    let basePath = (base ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
    let prefix = basePath.hasSuffix("/") ? basePath : basePath + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
}
