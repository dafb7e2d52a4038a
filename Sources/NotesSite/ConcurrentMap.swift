extension Array where Element: Sendable {
    /// Transforms every element with at most `limit` transforms running at once, keeping the order.
    ///
    /// Elements are handed out in batches, each a share of those left (a quarter of an even share,
    /// at least one), as OpenMP's guided schedule does: a task per element cost more than a cheap
    /// transform (the stats of a note's folder), while batches that shrink as the work runs out
    /// still let the last ones end together when each element is slow (rendering a page).
    func concurrentMap<T: Sendable>(limit: Int, _ transform: @escaping @Sendable (Element) async -> T) async -> [T] {
        let limit = Swift.max(1, limit)
        return await withTaskGroup(of: (Int, [T]).self) { group in
            var results = [T?](repeating: nil, count: count)
            var next = 0
            func addBatch() {
                let batch = next..<(next + Swift.max(1, (count - next) / (limit * 4)))
                next = batch.upperBound
                group.addTask {
                    var values: [T] = []
                    values.reserveCapacity(batch.count)
                    for index in batch { values.append(await transform(self[index])) }
                    return (batch.lowerBound, values)
                }
            }
            for _ in 0..<limit where next < count { addBatch() }
            while let (start, values) = await group.next() {
                for (offset, value) in values.enumerated() { results[start + offset] = value }
                if next < count { addBatch() }
            }
            return results.map { $0! }
        }
    }
}
