import Foundation

/// Choices a build is made with.
public struct BuildOptions: Hashable, Sendable {
    /// Publish notes marked `draft: true` too.
    public var includeDrafts: Bool
    /// How many notes render at once; defaults to the number of processors.
    public var concurrency: Int

    public init(includeDrafts: Bool = false, concurrency: Int? = nil) {
        self.includeDrafts = includeDrafts
        self.concurrency = max(1, concurrency ?? ProcessInfo.processInfo.activeProcessorCount)
    }
}
