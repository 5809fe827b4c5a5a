import H20QDedup
import H20QInput

/// One posting as runs store it.
struct PostingEntry: Comparable {
    var key: Int64
    var story: Int64
    var size: Int

    /// `entries` in order. Keys are hashes, spread evenly: one counting pass places each entry
    /// in a bucket by the top bits of its key, and each bucket (a handful of entries) is sorted
    /// on its own. Keys that crowd one bucket only make that bucket's sort larger.
    static func sorted(_ entries: [PostingEntry]) -> [PostingEntry] {
        guard entries.count > 64 else { return entries.sorted() }
        let bits = min(16, max(1, (entries.count / 4).bitWidth - (entries.count / 4).leadingZeroBitCount))
        let shift = UInt64(64 - bits)
        // Signed order: the sign bit flipped, negative keys come first.
        func bucket(_ entry: PostingEntry) -> Int {
            Int(truncatingIfNeeded: (UInt64(bitPattern: entry.key) ^ (1 << 63)) >> shift)
        }
        var starts = [Int](repeating: 0, count: (1 << bits) + 1)
        for entry in entries { starts[bucket(entry) + 1] += 1 }
        for index in 1..<starts.count { starts[index] += starts[index - 1] }
        var next = starts
        // Every position is written once: the buckets partition the entries.
        return [PostingEntry](unsafeUninitializedCapacity: entries.count) { result, initialized in
            for entry in entries {
                let index = bucket(entry)
                (result.baseAddress! + next[index]).initialize(to: entry)
                next[index] += 1
            }
            initialized = entries.count
            for index in 0..<(starts.count - 1) where starts[index + 1] - starts[index] > 1 {
                var slice = UnsafeMutableBufferPointer(rebasing: result[starts[index]..<starts[index + 1]])
                slice.sort()
            }
        }
    }

    static func < (lhs: PostingEntry, rhs: PostingEntry) -> Bool {
        (lhs.key, lhs.story) < (rhs.key, rhs.story)
    }

    static func == (lhs: PostingEntry, rhs: PostingEntry) -> Bool {
        lhs.key == rhs.key && lhs.story == rhs.story
    }
}
