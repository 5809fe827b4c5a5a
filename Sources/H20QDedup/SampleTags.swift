/// A story's containment sample, small enough to store with every story: the top 16 bits of
/// each sampled shingle's hash, sorted. It tells how many of a new story's sampled shingles a
/// candidate holds without reading its text, stock phrases included (held too widely to be
/// posted: see `DuplicateMatcher.settle`). Tags can only over-count: a key whose tag the
/// candidate holds by chance (for a 40-key sample, one key in about 1,600) makes the candidate
/// look closer than it is, and an exact check settles it.
///
///     SampleTags(sampleKeys: [0x0001_0000_0000_0008]).holdCount(of: [0x0001_ffff_0000_0010]) -> 1
package struct SampleTags: Sendable, Equatable {
    package private(set) var values: [UInt16]

    package init(sampleKeys: [Int64]) {
        values = sampleKeys.map(Self.tag).sorted()
    }

    /// Tags as `bytes` gives them; nil if they are not a whole number of sorted tags.
    package init?(bytes: some Collection<UInt8>) {
        let bytes = Array(bytes)
        guard bytes.count % 2 == 0 else { return nil }
        values = stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
        guard zip(values, values.dropFirst()).allSatisfy({ $0 <= $1 }) else { return nil }
    }

    /// Two bytes a tag, little-endian.
    package var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 2)
        for value in values {
            bytes.append(UInt8(truncatingIfNeeded: value))
            bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        }
        return bytes
    }

    /// How many of `keys` the story may hold: those whose tag it holds.
    package func holdCount(of keys: some Sequence<Int64>) -> Int {
        var count = 0
        for key in keys {
            let tag = Self.tag(key)
            // Lower bound of `tag` in the sorted values.
            var low = 0
            var high = values.count
            while low < high {
                let middle = (low + high) / 2
                if values[middle] < tag { low = middle + 1 } else { high = middle }
            }
            if low < values.count && values[low] == tag { count += 1 }
        }
        return count
    }

    /// The high bits: the low ones of a sampled hash are fixed by the sample's modulus.
    static func tag(_ key: Int64) -> UInt16 {
        UInt16(truncatingIfNeeded: UInt64(bitPattern: key) >> 48)
    }
}
