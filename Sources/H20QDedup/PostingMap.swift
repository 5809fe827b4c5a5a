/// Postings by key, for a batch's candidate lookups: an open-addressing table of keys, and the
/// postings of every key in one array, each linked to the one before it under its key.
///
///     slots:    key, latest posting, count        entries: story, size, previous posting
///
/// A batch touches tens of thousands of keys with a posting or two each. A dictionary of arrays
/// allocates an array per key and hashes every key with SipHash; here keys (uniform hashes, or
/// multiples of the sample modulus) are placed by a multiplicative hash of their own bits,
/// nothing is allocated per key, and a lookup reads one slot of 16 bytes. The entries are kept
/// in chunks of a fixed size: a batch's map is filled from the runs without knowing how many
/// postings will come, and an array grown by doubling would hold up to twice what it needs
/// (three times while it is copied); a chunk is never copied.
struct PostingMap: Sendable {
    private struct Slot {
        var key: Int64
        /// The key's latest posting, `none` for a key without postings, `empty` for a free slot.
        var head: Int32
        var count: Int32
    }

    private struct Entry {
        var story: Int64
        var size: Int32
        var previous: Int32
    }

    private static let empty = Int32.min
    private static let none: Int32 = -1
    private static let free = Slot(key: 0, head: empty, count: 0)

    private var slots: [Slot]
    private var shift: UInt64
    private(set) var keyCount = 0
    /// Entries by index: `chunks[index >> chunkShift][index & chunkMask]`.
    private var chunks: [[Entry]] = []
    private var entryCount = 0
    /// 8,192 entries (128 KiB) a chunk.
    private static let chunkShift = 13
    private static let chunkMask = (1 << chunkShift) - 1

    init(minimumCapacity: Int = 16) {
        var count = 16
        while count < 2 * minimumCapacity { count *= 2 }
        slots = Array(repeating: Self.free, count: count)
        shift = UInt64(64 - count.trailingZeroBitCount)
    }

    /// Whether `key` is present, with postings or without.
    func contains(_ key: Int64) -> Bool { slot(of: key) != nil }

    /// The number of postings under `key`.
    func count(of key: Int64) -> Int { slot(of: key).map { Int(slots[$0].count) } ?? 0 }

    /// Calls `body` with each posting under `key`, newest first; stops when it returns false.
    @discardableResult
    func forEach(of key: Int64, _ body: (Posting) -> Bool) -> Bool {
        guard let slot = slot(of: key) else { return true }
        var index = slots[slot].head
        while index >= 0 {
            let entry = self[entry: index]
            if !body(Posting(story: entry.story, size: Int(entry.size))) { return false }
            index = entry.previous
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

    /// Counts `postings` more under `key` (present from then on) without holding them:
    /// `count(of:)` includes them, `forEach(of:)` does not see them.
    mutating func count(_ postings: Int, unheldUnder key: Int64) {
        let slot = insertSlot(key)
        slots[slot].count += Int32(clamping: postings)
    }

    /// Leaves `key` present without postings, held or counted (those it held stay in
    /// their chunk, unlinked).
    mutating func clear(_ key: Int64) {
        let slot = insertSlot(key)
        slots[slot].head = Self.none
        slots[slot].count = 0
    }

    /// The postings held under `key`: those `forEach(of:)` calls back with.
    func heldCount(of key: Int64) -> Int {
        var held = 0
        forEach(of: key) { _ in
            held += 1
            return true
        }
        return held
    }

    mutating func add(_ key: Int64, _ posting: Posting) {
        let slot = insertSlot(key)
        let entry = Entry(story: posting.story, size: Int32(clamping: posting.size), previous: slots[slot].head)
        if entryCount & Self.chunkMask == 0 {
            // A new chunk: the first grows as a small map needs; the others are allocated whole.
            var chunk: [Entry] = []
            if !chunks.isEmpty { chunk.reserveCapacity(Self.chunkMask + 1) }
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(entry)
        slots[slot].head = Int32(entryCount)
        entryCount += 1
        slots[slot].count += 1
    }

    /// Unlinks `story`'s postings under `key`.
    mutating func remove(story: Int64, from key: Int64) {
        guard let slot = slot(of: key) else { return }
        var link: Int32? = nil  // the entry whose `previous` is `index`
        var index = slots[slot].head
        while index >= 0 {
            let next = self[entry: index].previous
            if self[entry: index].story == story {
                if let link { self[entry: link].previous = next } else { slots[slot].head = next }
                slots[slot].count -= 1
            } else {
                link = index
            }
            index = next
        }
    }

    private subscript(entry index: Int32) -> Entry {
        get { chunks[Int(index) >> Self.chunkShift][Int(index) & Self.chunkMask] }
        set { chunks[Int(index) >> Self.chunkShift][Int(index) & Self.chunkMask] = newValue }
    }

    private func home(of key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9e37_79b9_7f4a_7c15) >> shift)
    }

    private func slot(of key: Int64) -> Int? {
        let mask = slots.count - 1
        var slot = home(of: key)
        while slots[slot].head != Self.empty {
            if slots[slot].key == key { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func insertSlot(_ key: Int64) -> Int {
        if let slot = slot(of: key) { return slot }
        if 2 * (keyCount + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var slot = home(of: key)
        while slots[slot].head != Self.empty { slot = (slot + 1) & mask }
        slots[slot] = Slot(key: key, head: Self.none, count: 0)
        keyCount += 1
        return slot
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Self.free, count: 2 * old.count)
        shift -= 1
        let mask = slots.count - 1
        for slot in old where slot.head != Self.empty {
            var index = home(of: slot.key)
            while slots[index].head != Self.empty { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
