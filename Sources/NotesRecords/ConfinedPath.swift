import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a path stays inside a folder once symbolic links and `..` are resolved: the one check
/// every file `notes` reads or publishes passes, so a link can never pull in a file from elsewhere.
package enum ConfinedPath {
    /// The real (resolved) path of `url`, or nil when it does not exist.
    package static func resolved(_ url: URL) -> String? {
        guard let pointer = realpath(url.path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// Whether `url` exists and, resolved, is `root` or inside it (also resolved).
    package static func isInside(_ url: URL, root: URL) -> Bool {
        guard let path = resolved(url), let base = resolved(root) else { return false }
        return path == base || path.hasPrefix(base.hasSuffix("/") ? base : base + "/")
    }
}
