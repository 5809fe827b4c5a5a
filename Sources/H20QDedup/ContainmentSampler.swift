/// Broder's mod-m sample of a story's shingles: the shingle hashes divisible by `modulus`.
///
/// Because the sample is a fixed subset of hash space, every sampled shingle of a story that
/// is contained in another is also a sampled shingle of the container:
/// sample(A) ∩ sample(B) = sample(A ∩ B). A story with |A ∩ B| = k shares no sampled
/// shingle with B with probability (1 - 1/m)^k: with m = 8, 1.4% at k = 32 (the smallest
/// overlap the duplicate rule accepts), 0.02% at k = 64.
///
///     ContainmentSampler(modulus: 8).sample(of: [8, 9, 16]) -> [8, 16]
public struct ContainmentSampler: Sendable {
    public let modulus: UInt64

    public init(modulus: Int) {
        precondition(modulus > 0, "Sample modulus must be positive.")
        self.modulus = UInt64(modulus)
    }

    /// The distinct sampled hashes of `shingles` (any order, repeats allowed), ascending as
    /// unsigned values.
    public func sample(of shingles: [UInt64]) -> [Int64] {
        var sampled = shingles.filter { $0 % modulus == 0 }
        sampled.sort()
        sampled.removeAdjacentDuplicates()
        return sampled.map { Int64(bitPattern: $0) }
    }

    /// Probability that a contained overlap of `shared` shingles leaves no sampled shingle.
    public func missProbability(shared: Int) -> Double {
        pow1(1 - 1 / Double(modulus), shared)
    }
}
