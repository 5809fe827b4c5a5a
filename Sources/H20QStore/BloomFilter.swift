import Foundation
import H20QDedup

/// A Bloom filter over a run's 64-bit keys: 10 bits and 7 probes a distinct key, about 1%
/// false positives, every probe of a key in one 64-byte block (one cache line).
///
/// The key space is cut into 64 ranges by a key's top bits, each sized once its distinct keys
/// are known (a run's keys arrive in order: `Builder`), and a range's blocks follow its keys'
/// order: a key's block is its place among the range's keys, read from its next bits. A lookup
/// sweeps a run's filter with sorted keys (`PostingRuns.lookup`), so it reads the blocks front
/// to back, a memory stream the processor fetches ahead, instead of a load stall per probe.
///
///     tag "B3" (2 bytes)   offsets: 65 x UInt32 (each range's first block, then the end)
///     spread: UInt64 (ranges whose blocks are chosen by hash)   blocks: 8 x UInt64 each
///
/// Keys are hashes, spread evenly; a range whose keys crowd a few blocks (keys that are not)
/// chooses blocks by a hash of the key instead, in no order but evenly filled.
///
/// The two formats before (`BloomFilter+EarlierFormats.swift`) are still read: a run keeps its
/// filter until it is merged.
struct BloomFilter: Sendable {
    let words: [UInt64]
    /// Where the first block starts in `words`: on a cache line (`align`).
    private let base: Int
    /// Each range's first block (words, for the ranged format), then the end.
    let offsets: [UInt32]
    /// Bit r: range r chooses blocks by hash.
    private let spread: UInt64
    private let format: Format

    enum Format { case blocked, ranged, first }

    static let bitsPerKey = 10
    static let probes = 7
    static let rangeBits = 6
    static let ranges = 1 << rangeBits
    static let blockBits = 512
    static let blockWords = blockBits / 64
    static let tag: UInt16 = 0x3342  // "B3"
    static let headerBytes = 2 + 4 * (ranges + 1) + 8

    /// Builds a filter from keys in ascending order (repeats allowed).
    struct Builder {
        private var words: [UInt64] = []
        private var offsets: [UInt32] = [0]
        private var spread: UInt64 = 0
        /// The distinct keys of the range being filled.
        private var pending: [Int64] = []

        /// `expectedKeys`: at most how many keys will come (repeats counted or not), or nil.
        /// The filter's words are reserved for them at once, with room to align the blocks
        /// in place: a large filter then never has two copies of itself in memory.
        init(expectedKeys: Int? = nil) {
            if let expectedKeys {
                words.reserveCapacity(BloomFilter.words(forKeys: expectedKeys) + BloomFilter.blockWords)
            }
        }

        mutating func insert(_ key: Int64) {
            let range = BloomFilter.range(of: key)
            precondition(range >= offsets.count - 1, "keys must come in ascending order")
            while offsets.count - 1 < range { closeRange() }
            if pending.last != key { pending.append(key) }
        }

        mutating func finish() -> BloomFilter {
            while offsets.count <= BloomFilter.ranges { closeRange() }
            let base = BloomFilter.align(&words)
            return BloomFilter(words: words, base: base, offsets: offsets, spread: spread)
        }

        private mutating func closeRange() {
            let range = offsets.count - 1
            let blocks = (pending.count * BloomFilter.bitsPerKey + BloomFilter.blockBits - 1) / BloomFilter.blockBits
            let spreadOut = Self.crowded(pending, blocks: blocks)
            if spreadOut { spread |= 1 << range }
            let start = words.count
            words.append(contentsOf: repeatElement(0, count: blocks * BloomFilter.blockWords))
            for key in pending {
                let mixed = StableHash.mix(UInt64(bitPattern: key))
                let block = spreadOut ? BloomFilter.hashedBlock(mixed, blocks) : BloomFilter.orderedBlock(key, blocks)
                BloomFilter.forEachBit(of: mixed) { bit in
                    words[start + block * BloomFilter.blockWords + bit / 64] |= 1 << (bit % 64)
                    return true
                }
            }
            offsets.append(UInt32(words.count / BloomFilter.blockWords))
            pending.removeAll(keepingCapacity: true)
        }

        /// Whether `keys` (ascending, distinct) would fill some block in key order far past
        /// the average: twice it and 32 more (hashes fill none past about 1.6 times it).
        private static func crowded(_ keys: [Int64], blocks: Int) -> Bool {
            guard blocks > 1 else { return false }
            let limit = 2 * keys.count / blocks + 32
            var run = 0
            var previous = -1
            for key in keys {
                let block = BloomFilter.orderedBlock(key, blocks)
                run = block == previous ? run + 1 : 1
                previous = block
                if run > limit { return true }
            }
            return false
        }
    }

    /// A filter of the blocked format whose blocks start at `words[base]`.
    init(words: [UInt64], base: Int, offsets: [UInt32], spread: UInt64) {
        self.words = words
        self.base = base
        self.offsets = offsets
        self.spread = spread
        format = .blocked
    }

    init(format: Format, words: [UInt64], offsets: [UInt32]) {
        (self.words, base) = (words, 0)
        self.offsets = offsets
        spread = 0
        self.format = format
    }

    /// A filter that admits every key: what an empty or damaged filter reads as.
    static let admitsAll = BloomFilter(format: .first, words: [.max], offsets: [])

    /// Reads the form written by `data`, of any format; an empty or damaged filter admits
    /// every key.
    init(data: Data) {
        guard data.count % 8 == 6 else {
            self = Self.earlier(data)
            return
        }
        guard let blocks = Self.blocks(storedSize: data.count),
            let header = Header(data.prefix(Self.headerBytes), blocks: blocks)
        else {
            self = .admitsAll
            return
        }
        self = Self.reading(header, count: blocks * Self.blockWords) { buffer in
            data.withUnsafeBytes { raw in
                for index in buffer.indices {
                    buffer[index] = raw.loadUnaligned(fromByteOffset: Self.headerBytes + index * 8, as: UInt64.self)
                }
            }
        }
    }

    /// The number of blocks of a filter of the blocked format stored in `size` bytes; nil if no
    /// such filter takes that many.
    static func blocks(storedSize size: Int) -> Int? {
        guard size % 8 == 6, size >= headerBytes, (size - headerBytes) % (blockWords * 8) == 0 else { return nil }
        return (size - headerBytes) / (blockWords * 8)
    }

    /// The blocked format's header: where each range's blocks start, and which are spread.
    struct Header {
        let offsets: [UInt32]
        let spread: UInt64

        /// Reads a header of a filter of `blocks` blocks; nil if it is not one.
        init?(_ bytes: Data, blocks: Int) {
            guard bytes.count == BloomFilter.headerBytes else { return nil }
            let (tag, offsets, spread) = bytes.withUnsafeBytes { raw in
                (
                    UInt16(littleEndian: raw.loadUnaligned(as: UInt16.self)),
                    (0...BloomFilter.ranges).map {
                        UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 2 + $0 * 4, as: UInt32.self))
                    },
                    UInt64(
                        littleEndian: raw.loadUnaligned(fromByteOffset: BloomFilter.headerBytes - 8, as: UInt64.self))
                )
            }
            guard tag == BloomFilter.tag, offsets.first == 0, offsets.last.map(Int.init) == blocks,
                zip(offsets, offsets.dropFirst()).allSatisfy(<=)
            else { return nil }
            self.offsets = offsets
            self.spread = spread
        }

        init(offsets: [UInt32], spread: UInt64) {
            self.offsets = offsets
            self.spread = spread
        }

        var data: Data {
            var data = Data(count: BloomFilter.headerBytes)
            data.withUnsafeMutableBytes { raw in
                raw.storeBytes(of: BloomFilter.tag.littleEndian, as: UInt16.self)
                for (index, offset) in offsets.enumerated() {
                    raw.storeBytes(of: offset.littleEndian, toByteOffset: 2 + index * 4, as: UInt32.self)
                }
                raw.storeBytes(of: spread.littleEndian, toByteOffset: BloomFilter.headerBytes - 8, as: UInt64.self)
            }
            return data
        }
    }

    var header: Header { Header(offsets: offsets, spread: spread) }

    /// The words of the blocks, in storage order.
    var blockWords: ArraySlice<UInt64> { words[base..<base + Int(offsets.last ?? 0) * Self.blockWords] }

    /// A filter of `header` whose `count` words `fill` writes, as stored (little-endian), into
    /// storage aligned for them.
    static func reading(
        _ header: Header, count: Int, fill: (UnsafeMutableBufferPointer<UInt64>) throws -> Void
    ) rethrows -> BloomFilter {
        var words = [UInt64]()
        words.reserveCapacity(count + blockWords)
        words.append(contentsOf: repeatElement(0, count: count))
        try words.withUnsafeMutableBufferPointer { try fill($0) }
        for index in words.indices { words[index] = UInt64(littleEndian: words[index]) }
        let base = align(&words)
        return BloomFilter(words: words, base: base, offsets: header.offsets, spread: header.spread)
    }

    /// Words of a filter of `keys` distinct keys: enough for every range's rounding.
    static func words(forKeys keys: Int) -> Int {
        (keys * bitsPerKey / blockBits + ranges) * blockWords
    }

    static func words(_ data: Data, from start: Int) -> [UInt64] {
        data.withUnsafeBytes { raw in
            (0..<(raw.count - start) / 8).map {
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + $0 * 8, as: UInt64.self))
            }
        }
    }

    /// Moves `words` up to the first word on a 64-byte boundary, in place (capacity was
    /// reserved for it), and returns where they now start: a block then never straddles two
    /// cache lines. (An array's storage does not move while nothing changes it; were it ever
    /// to, a probe would cost two lines, not go wrong.)
    static func align(_ words: inout [UInt64]) -> Int {
        let count = words.count
        words.append(contentsOf: repeatElement(0, count: blockWords - 1))
        return words.withUnsafeMutableBufferPointer { buffer in
            let base = (64 - Int(bitPattern: buffer.baseAddress!) % 64) % 64 / 8
            if base > 0 {
                let start = buffer.baseAddress!
                memmove(start + base, start, count * 8)
                start.update(repeating: 0, count: base)
            }
            return base
        }
    }

    /// The stored form (`BloomFilter+Storage` writes the same into the database a piece at a
    /// time).
    var data: Data {
        precondition(format == .blocked, "filters are written in the blocked format only")
        var data = header.data
        for word in blockWords { withUnsafeBytes(of: word.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    func mayContain(_ key: Int64) -> Bool {
        mayContain(key, mixed: StableHash.mix(UInt64(bitPattern: key)))
    }

    /// `mixed`: `StableHash.mix` of the key, which a caller probing many filters takes once.
    func mayContain(_ key: Int64, mixed: UInt64) -> Bool {
        switch format {
        case .blocked:
            let range = Self.range(of: key)
            let start = Int(offsets[range])
            let blocks = Int(offsets[range + 1]) - start
            guard blocks > 0 else { return false }
            let block = spread & (1 << range) != 0 ? Self.hashedBlock(mixed, blocks) : Self.orderedBlock(key, blocks)
            let first = base + (start + block) * Self.blockWords
            return Self.forEachBit(of: mixed) { bit in words[first + bit / 64] & (1 << (bit % 64)) != 0 }
        case .ranged: return rangedMayContain(key, mixed: mixed)
        case .first: return firstFormatMayContain(key)
        }
    }

    /// The range of `key`: its top bits, in signed order (negative keys first).
    static func range(of key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) ^ (1 << 63)) >> UInt64(64 - rangeBits))
    }

    /// The block of `key` among its range's `blocks`, in key order: the bits below the range's.
    static func orderedBlock(_ key: Int64, _ blocks: Int) -> Int {
        Int((UInt64(bitPattern: key) << UInt64(rangeBits)).multipliedFullWidth(by: UInt64(blocks)).high)
    }

    /// The block of a key of mix `mixed` among `blocks`, by a second hash.
    static func hashedBlock(_ mixed: UInt64, _ blocks: Int) -> Int {
        Int(StableHash.mix(mixed ^ 0x9e37_79b9_7f4a_7c15).multipliedFullWidth(by: UInt64(blocks)).high)
    }

    /// Calls `body` with each of the key's probe positions in its block (9 bits each of its mix
    /// `mixed`), while it returns true; returns whether it always did.
    @discardableResult
    private static func forEachBit(of mixed: UInt64, _ body: (Int) -> Bool) -> Bool {
        var hash = mixed
        for _ in 0..<probes {
            if !body(Int(hash & UInt64(blockBits - 1))) { return false }
            hash >>= 9
        }
        return true
    }
}
