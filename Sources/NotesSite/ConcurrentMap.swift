extension Array where Element: Sendable {
    /// Transforms every element with at most `limit` transforms running at once, keeping the order.
    func concurrentMap<T: Sendable>(limit: Int, _ transform: @escaping @Sendable (Element) async -> T) async -> [T] {
        await withTaskGroup(of: (Int, T).self) { group in
            var results = [T?](repeating: nil, count: count)
            var next = 0
            for _ in 0..<Swift.min(limit, count) {
                let index = next
                group.addTask { (index, await transform(self[index])) }
                next += 1
            }
            while let (index, value) = await group.next() {
                results[index] = value
                if next < count {
                    let index = next
                    group.addTask { (index, await transform(self[index])) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }
}
