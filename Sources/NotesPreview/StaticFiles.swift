import Foundation
import NotesRecords

/// Maps request paths to files of a built site, the way a static host would.
struct StaticFiles: Sendable {
    /// The site's folder.
    let root: URL

    enum Answer: Equatable {
        /// A file with its media type.
        case file(URL, mediaType: String)
        /// A folder asked for without its trailing slash: relative links need the slash.
        case redirect(String)
        /// Nothing there; the site's own 404 page when it has one.
        case notFound(URL?)
    }

    /// What to answer for `target` (path and query, as the request line gave it).
    func answer(_ target: String) -> Answer {
        let path = String(target.prefix { $0 != "?" && $0 != "#" })
        guard let decoded = path.removingPercentEncoding, decoded.hasPrefix("/") else { return .notFound(notFoundPage) }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        // Nothing outside the site: no `..`, no hidden files (the build's own `.site.spare` and locks).
        guard !segments.contains(where: { $0 == ".." || $0.hasPrefix(".") || $0.contains("\0") }) else { return .notFound(notFoundPage) }
        var url = root
        for segment in segments { url.appendPathComponent(String(segment)) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return .notFound(notFoundPage) }
        // A symbolic link in the built site leading elsewhere is served as if it were not there.
        guard ConfinedPath.isInside(url, root: root) else { return .notFound(notFoundPage) }
        if isDirectory.boolValue {
            guard decoded.hasSuffix("/") else {
                let query = target.dropFirst(path.count)
                return .redirect(path + "/" + query)
            }
            url.appendPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: url.path) else { return .notFound(notFoundPage) }
        }
        return .file(url, mediaType: Self.mediaType(of: url))
    }

    /// `404.html` when the site has one.
    var notFoundPage: URL? {
        let page = root.appendingPathComponent("404.html")
        return FileManager.default.fileExists(atPath: page.path) ? page : nil
    }

    /// The media type a static host would send for a file, by extension.
    static func mediaType(of url: URL) -> String {
        switch url.pathExtension.lowercased() {
        case "html", "htm": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": url.lastPathComponent == "atom.xml" ? "application/atom+xml; charset=utf-8" : "application/xml; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "avif": "image/avif"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "woff": "font/woff"
        case "pdf": "application/pdf"
        // Listings and other text: shown, not downloaded, and never run by the browser.
        case "txt", "md", "py", "sh", "swift", "yml", "yaml", "toml", "csv": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}
