/// Postings by key, for a batch's candidate lookups: an open-addressing table of keys, and the
/// postings of every key in one array, each linked to the one before it under its key.
///
///     slots:    key -> (latest posting, count)       postings: story, size, previous
///
/// A batch touches tens of thousands of keys with a posting or two each. A dictionary of arrays
/// allocates an array per key and hashes every key with SipHash; here keys (uniform hashes, or
/// multiples of the sample modulus) are placed by a multiplicative hash of their own bits, and
/// nothing is allocated per key.
struct PostingMap: Sendable {
    private static let empty = Int32.min
    private static let none: Int32 = -1

    private var keys: [Int64]
    /// Per slot: the index of the key's latest posting, `none` for a key without postings,
    /// `empty` for a free slot.
    private var heads: [Int32]
    private var counts: [Int32]
    private var shift: UInt64
    private(set) var keyCount = 0

    private var stories: [Int64] = []
    private var sizes: [Int32] = []
    private var previous: [Int32] = []

    init(minimumCapacity: Int = 16) {
        var slots = 16
        while slots < 2 * minimumCapacity { slots *= 2 }
        keys = Array(repeating: 0, count: slots)
        heads = Array(repeating: Self.empty, count: slots)
        counts = Array(repeating: 0, count: slots)
        shift = UInt64(64 - slots.trailingZeroBitCount)
    }

    /// Whether `key` is present, with postings or without.
    func contains(_ key: Int64) -> Bool { slot(of: key) != nil }

    /// The number of postings under `key`.
    func count(of key: Int64) -> Int { slot(of: key).map { Int(counts[$0]) } ?? 0 }

    /// Calls `body` with each posting under `key`, newest first; stops when it returns false.
    @discardableResult
    func forEach(of key: Int64, _ body: (Posting) -> Bool) -> Bool {
        guard let slot = slot(of: key) else { return true }
        var index = heads[slot]
        while index >= 0 {
            let position = Int(index)
            if !body(Posting(story: stories[position], size: Int(sizes[position]))) { return false }
            index = previous[position]
        }
        return true
    }

    /// The postings under `key`, newest first.
    func postings(_ key: Int64) -> [Posting] {
        var found: [Posting] = []
        forEach(of: key) { posting in
            found.append(posting)
            return true
        }
        return found
    }

    /// Makes `key` present without postings, if it is not there yet.
    mutating func reserve(_ key: Int64) {
        _ = insertSlot(key)
    }

    mutating func add(_ key: Int64, _ posting: Posting) {
        let slot = insertSlot(key)
        stories.append(posting.story)
        sizes.append(Int32(clamping: posting.size))
        previous.append(heads[slot])
        heads[slot] = Int32(stories.count - 1)
        counts[slot] += 1
    }

    /// Unlinks `story`'s postings under `key`.
    mutating func remove(story: Int64, from key: Int64) {
        guard let slot = slot(of: key) else { return }
        var link: Int32? = nil  // the posting whose `previous` points at `index`
        var index = heads[slot]
        while index >= 0 {
            let position = Int(index)
            let next = previous[position]
            if stories[position] == story {
                if let link { previous[Int(link)] = next } else { heads[slot] = next }
                counts[slot] -= 1
            } else {
                link = index
            }
            index = next
        }
    }

    private func home(of key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9e37_79b9_7f4a_7c15) >> shift)
    }

    private func slot(of key: Int64) -> Int? {
        let mask = keys.count - 1
        var slot = home(of: key)
        while heads[slot] != Self.empty {
            if keys[slot] == key { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func insertSlot(_ key: Int64) -> Int {
        if 2 * (keyCount + 1) > keys.count { grow() }
        let mask = keys.count - 1
        var slot = home(of: key)
        while heads[slot] != Self.empty {
            if keys[slot] == key { return slot }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        heads[slot] = Self.none
        counts[slot] = 0
        keyCount += 1
        return slot
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldHeads = heads
        let oldCounts = counts
        let slots = 2 * keys.count
        keys = Array(repeating: 0, count: slots)
        heads = Array(repeating: Self.empty, count: slots)
        counts = Array(repeating: 0, count: slots)
        shift -= 1
        let mask = slots - 1
        for old in oldKeys.indices where oldHeads[old] != Self.empty {
            var slot = home(of: oldKeys[old])
            while heads[slot] != Self.empty { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[old]
            heads[slot] = oldHeads[old]
            counts[slot] = oldCounts[old]
        }
    }
}
