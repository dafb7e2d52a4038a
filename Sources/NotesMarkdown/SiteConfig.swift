import Foundation
import NotesDiagnostics

/// Site settings from `content/site.yml`.
///
/// ```yaml
/// title: Field notes
/// base_url: https://example.com/notes/
/// author: Ben
/// description: Engineering notes on LLM agents, with listings that really run.
/// language: en
/// feed_limit: 20        # newest notes in atom.xml, 0 for all
/// interpreters: {sh: sh} # commands for runnable listings by language (Python uses .notes/venv)
/// ```
package struct SiteConfig: Hashable, Sendable {
    package var title: String
    /// The absolute URL the site is published at, ending in `/`; used only where a URL must be
    /// absolute (feed, sitemap, canonical links). Pages link relatively, so the site also works from disk.
    package var baseURL: String
    package var author: String
    package var description: String
    /// A BCP 47 language tag for `<html lang>`.
    package var language: String
    /// How many of the newest notes the feed carries in full; 0 for all.
    package var feedLimit: Int
    /// Commands that run listings, by fence language (`sh: sh`, `node: node`); Python listings use
    /// the project's venv unless `python` is set.
    package var interpreters: [String: String]
    /// Extra settings other stages read (for example `interpreters` for `notes run`), kept as text.
    package var extra: [String: String]

    package static let knownKeys = ["title", "base_url", "author", "description", "language", "feed_limit", "interpreters", "extra"]

    package init(
        title: String, baseURL: String, author: String, description: String = "", language: String = "en", feedLimit: Int = 20,
        interpreters: [String: String] = [:], extra: [String: String] = [:]
    ) {
        self.title = title
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.author = author
        self.description = description
        self.language = language
        self.feedLimit = feedLimit
        self.interpreters = interpreters
        self.extra = extra
    }

    /// The path part of ``baseURL`` (`/notes/` for `https://example.com/notes/`), for pages that
    /// cannot know their own depth, such as `404.html`.
    package var basePath: String {
        guard let scheme = baseURL.range(of: "://") else { return "/" }
        let afterHost = baseURL[scheme.upperBound...].drop { $0 != "/" }
        return afterHost.isEmpty ? "/" : String(afterHost)
    }
}

extension SiteConfig {
    /// Reads `site.yml` text from `path`.
    package init(yaml: String, path: String) throws(MarkdownError) {
        let fields = try YAMLMapping(yaml: yaml, origin: SourceLocation(path: path, line: 1, column: 1))
        try fields.rejectUnknownKeys(Self.knownKeys, extraKey: "extra")
        // Every missing required field at once, rather than one per attempt.
        let missing = ["title", "base_url", "author"].filter { (try? fields.string($0, required: true)) == nil && !fields.has($0) }
        if missing.count > 1 {
            throw MarkdownError(
                .missingField, at: fields.start, "missing required fields \(missing.map { "`\($0)`" }.joined(separator: ", "))",
                help: "add a line for each, e.g. `title: Field notes`, `base_url: https://example.com/`, `author: Ben`")
        }
        let baseURL = try fields.string("base_url", required: true, help: "add a line `base_url: https://example.com/`")!
        guard baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") else {
            throw MarkdownError(
                .invalidField, at: fields.location(of: "base_url"),
                "`base_url` must be an absolute http(s) URL, not \(baseURL.quotedForDiagnostic())",
                help: "write the address the site is published at, e.g. `base_url: https://example.com/notes/`")
        }
        self.init(
            title: try fields.string("title", required: true)!,
            baseURL: baseURL,
            author: try fields.string("author", required: true)!,
            description: try fields.string("description") ?? "",
            language: try fields.string("language") ?? "en",
            feedLimit: try Self.feedLimit(fields),
            interpreters: try fields.stringMap("interpreters") ?? [:],
            extra: try fields.stringMap("extra") ?? [:]
        )
    }

    /// `feed_limit`: how many notes the feed carries in full; 0 for all, never negative.
    private static func feedLimit(_ fields: YAMLMapping) throws(MarkdownError) -> Int {
        let limit = try fields.int("feed_limit") ?? 20
        guard limit >= 0 else {
            throw MarkdownError(
                .invalidField, at: fields.location(of: "feed_limit"), "`feed_limit` cannot be negative, not \(limit)",
                help: "write how many of the newest notes the feed carries, or 0 for all of them")
        }
        return limit
    }
}
