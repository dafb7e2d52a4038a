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
    /// A runnable listing of a published (non-draft) note that has never been run fails the build,
    /// since its page would be published without its output (`notes build`). Otherwise, as in the
    /// preview, it is a warning. A stale run is a warning either way.
    package var requiresRuns: Bool

    package init(includeDrafts: Bool = false, concurrency: Int? = nil, preview: Bool = false, requiresRuns: Bool = false) {
        self.includeDrafts = includeDrafts
        self.preview = preview
        self.requiresRuns = requiresRuns
        self.concurrency = max(1, concurrency ?? ProcessInfo.processInfo.activeProcessorCount)
    }
}
