extension Array where Element: Equatable {
    /// Removes adjacent repeats: on a sorted array, the distinct elements.
    package func uniqued() -> [Element] {
        var result = self
        result.removeAdjacentDuplicates()
        return result
    }

    /// Removes adjacent repeats in place.
    package mutating func removeAdjacentDuplicates() {
        guard count > 1 else { return }
        var last = 0
        for index in 1..<count where self[index] != self[last] {
            last += 1
            self[last] = self[index]
        }
        removeSubrange((last + 1)...)
    }
}
