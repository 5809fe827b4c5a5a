import H20QDedup

/// Deterministic pseudo-random numbers (SplitMix64's sequence: a Weyl step, then
/// MurmurHash3's finalizer), the same on every run and machine: the one generator of the
/// tests, the benchmarks and the corpus generator.
///
///     var random = SeededGenerator(seed: 1)
///     random.next() -> 0x910a2dec89025cc1 (always)
package struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return StableHash.mix(state)
    }

    /// A number in `0..<bound`.
    package mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
