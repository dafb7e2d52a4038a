import Foundation

/// Choices a build is made with.
package struct BuildOptions: Hashable, Sendable {
    /// Publish notes marked `draft: true` too.
    package var includeDrafts: Bool
    /// How many notes render at once; defaults to the number of processors.
    package var concurrency: Int
    /// Build for `notes serve`: pages say what is wrong with a listing's stored run and which
    /// command makes it, and drafts carry a badge. Never for the published site.
    package var preview: Bool

    package init(includeDrafts: Bool = false, concurrency: Int? = nil, preview: Bool = false) {
        self.includeDrafts = includeDrafts
        self.preview = preview
        self.concurrency = max(1, concurrency ?? ProcessInfo.processInfo.activeProcessorCount)
    }
}
