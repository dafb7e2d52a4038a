import Foundation

/// Choices a build is made with.
package struct BuildOptions: Hashable, Sendable {
    /// Publish notes marked `draft: true` too.
    package var includeDrafts: Bool
    /// How many notes render at once; defaults to the number of processors.
    package var concurrency: Int

    package init(includeDrafts: Bool = false, concurrency: Int? = nil) {
        self.includeDrafts = includeDrafts
        self.concurrency = max(1, concurrency ?? ProcessInfo.processInfo.activeProcessorCount)
    }
}
