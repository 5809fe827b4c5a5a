/// MinHash signatures: for each of `permutations` fixed hash functions, the smallest value it
/// takes over a story's shingles. Two stories agree in a position with probability equal to
/// their Jaccard similarity.
///
///     MinHasher(permutations: 128, seed: 1).signature(of: shingles).count -> 128
///
/// Permutation i maps a shingle hash x to `StableHash.mix(x ^ seed_i)`, seed_i the i-th
/// SplitMix64 value of `seed`.
public struct MinHasher: Sendable {
    public let permutations: Int
    private let seeds: [UInt64]

    public init(permutations: Int, seed: UInt64) {
        precondition(permutations > 0, "MinHash needs at least one permutation.")
        self.permutations = permutations
        self.seeds = (0..<permutations).map { StableHash.splitMix(seed: seed, index: $0) }
    }

    /// The signature of a set of shingle hashes; all `UInt64.max` for an empty set.
    public func signature(of shingles: [UInt64]) -> [UInt64] {
        var minimums = [UInt64](repeating: .max, count: permutations)
        minimums.withUnsafeMutableBufferPointer { minimums in
            seeds.withUnsafeBufferPointer { seeds in
                for shingle in shingles {
                    for index in 0..<seeds.count {
                        let value = StableHash.mix(shingle ^ seeds[index])
                        if value < minimums[index] { minimums[index] = value }
                    }
                }
            }
        }
        return minimums
    }
}
