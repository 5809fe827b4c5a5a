/// Postings counted by story: how many of a new story's sampled shingles each stored story
/// shares, and the stored story's sample size. An open-addressing table sized once for the
/// postings to come, kept in first-seen order; sorting the postings by story had been the
/// larger part of finding the candidates.
struct StoryTally {
    private var stories: [Int64]
    private var counts: [Int32]
    private var sizes: [Int]
    /// The slots used, in the order their stories were first seen.
    private var used: [Int] = []
    private var shift: UInt64

    /// A table for up to `postings` postings.
    init(postings: Int) {
        var bits: UInt64 = 4
        while 1 << bits < 2 * postings { bits += 1 }
        let capacity = 1 << Int(bits)
        stories = Array(repeating: 0, count: capacity)
        counts = Array(repeating: 0, count: capacity)
        sizes = Array(repeating: 0, count: capacity)
        used.reserveCapacity(postings)
        shift = 64 - bits
    }

    mutating func add(_ posting: Posting) {
        let mask = stories.count - 1
        // Fibonacci hashing: story ids are consecutive, their products are spread.
        var slot = Int(truncatingIfNeeded: (UInt64(bitPattern: posting.story) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while counts[slot] != 0 {
            if stories[slot] == posting.story {
                counts[slot] += 1
                return
            }
            slot = (slot + 1) & mask
        }
        stories[slot] = posting.story
        counts[slot] = 1
        sizes[slot] = posting.size
        used.append(slot)
        // Sized for the postings announced; more would still find room.
        if used.count * 2 > stories.count { grow() }
    }

    private mutating func grow() {
        var grown = StoryTally(postings: stories.count)
        for slot in used {
            grown.add(Posting(story: stories[slot], size: sizes[slot]))
            grown.counts[grown.used[grown.used.count - 1]] = counts[slot]
        }
        self = grown
    }

    /// Each story with its count of postings and its first posting's size, in first-seen order.
    func forEach(_ body: (_ story: Int64, _ count: Int, _ size: Int) -> Void) {
        for slot in used { body(stories[slot], Int(counts[slot]), sizes[slot]) }
    }
}
