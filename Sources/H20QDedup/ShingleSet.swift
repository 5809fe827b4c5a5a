/// A story's shingles as exact checks compare them: the high 32 bits of each 64-bit shingle
/// hash, sorted and distinct. Overlaps computed on it are exact up to 32-bit collisions (for two
/// 1,000-shingle stories, one colliding pair in about 4,000 comparisons, moving a
/// similarity by 0.001).
///
///     ShingleSet(hashes: [0x0000_0002_0000_0000, 0x0000_0001_ffff_ffff]).values -> [1, 2]
public struct ShingleSet: Sendable, Equatable {
    public private(set) var values: [UInt32]

    /// The set of `hashes`, given in any order, repeats allowed.
    public init(hashes: [UInt64]) {
        var values = hashes.map { UInt32(truncatingIfNeeded: $0 >> 32) }
        values.radixSort()
        values.removeAdjacentDuplicates()
        self.values = values
    }

    public init(sortedValues: [UInt32]) {
        self.values = sortedValues
    }

    public var count: Int { values.count }

    /// Number of values both sets hold.
    public func intersectionCount(with other: ShingleSet) -> Int {
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                var i = 0
                var j = 0
                var shared = 0
                while i < a.count && j < b.count {
                    let x = a[i]
                    let y = b[j]
                    if x == y {
                        shared += 1
                        i += 1
                        j += 1
                    } else if x < y {
                        i += 1
                    } else {
                        j += 1
                    }
                }
                return shared
            }
        }
    }
}
