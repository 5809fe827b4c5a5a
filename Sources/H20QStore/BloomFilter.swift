import Foundation
import H20QDedup

/// A Bloom filter over a run's 64-bit keys: 10 bits and 7 probes a distinct key, about 1%
/// false positives.
///
/// The key space is cut into 64 ranges by a key's top bits, each with its own bits, sized once
/// its keys are known: a run's keys arrive in order (`Builder`), so each range is sized
/// exactly for its distinct keys, with no rounding to a power of two and no room for keys a run
/// holds more than once (a stock phrase's key under many stories), which together left a
/// quarter of the bits of the first format unused.
///
///     offsets: 65 x UInt32 (the first word of each range, then the end)   words: UInt64...
///
/// The first format, a power of two of words over the whole key space without offsets, is
/// still read: its length is a multiple of 8 bytes, this format's is 4 more than one.
struct BloomFilter: Sendable {
    private var words: [UInt64]
    /// Where each range's words start, then the end; empty in the first format.
    private var offsets: [UInt32]

    static let bitsPerKey = 10
    static let probes = 7
    static let rangeBits = 6
    static let ranges = 1 << rangeBits

    /// Builds a filter from keys in ascending order (repeats allowed).
    struct Builder {
        private var words: [UInt64] = []
        private var offsets: [UInt32] = [0]
        /// The distinct keys of the range being filled.
        private var pending: [Int64] = []

        init() {}

        mutating func insert(_ key: Int64) {
            let range = BloomFilter.range(of: key)
            precondition(range >= offsets.count - 1, "keys must come in ascending order")
            while offsets.count - 1 < range { closeRange() }
            if pending.last != key { pending.append(key) }
        }

        mutating func finish() -> BloomFilter {
            while offsets.count <= BloomFilter.ranges { closeRange() }
            return BloomFilter(words: words, offsets: offsets)
        }

        private mutating func closeRange() {
            let start = words.count
            let count = (pending.count * BloomFilter.bitsPerKey + 63) / 64
            words.append(contentsOf: repeatElement(0, count: count))
            for key in pending {
                BloomFilter.forEachBit(of: key, among: UInt64(count * 64)) { bit in
                    words[start + Int(bit / 64)] |= 1 << (bit % 64)
                    return true
                }
            }
            offsets.append(UInt32(words.count))
            pending.removeAll(keepingCapacity: true)
        }
    }

    private init(words: [UInt64], offsets: [UInt32]) {
        self.words = words
        self.offsets = offsets
    }

    /// Reads the form written by `data`, of either format; an empty or damaged filter admits
    /// every key.
    init(data: Data) {
        let header = 4 * (Self.ranges + 1)
        words = [.max]
        offsets = []
        if data.count % 8 == 0 {
            guard data.count > 0 else { return }
            words = Self.words(data, from: 0)
            return
        }
        guard data.count >= header, (data.count - header) % 8 == 0 else { return }
        let offsets = data.withUnsafeBytes { raw in
            (0...Self.ranges).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
        }
        let words = Self.words(data, from: header)
        guard offsets.first == 0, offsets.last.map(Int.init) == words.count,
            zip(offsets, offsets.dropFirst()).allSatisfy(<=)
        else { return }
        self.words = words
        self.offsets = offsets
    }

    private static func words(_ data: Data, from start: Int) -> [UInt64] {
        data.withUnsafeBytes { raw in
            (0..<(raw.count - start) / 8).map {
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + $0 * 8, as: UInt64.self))
            }
        }
    }

    var data: Data {
        precondition(!offsets.isEmpty, "filters are written in the ranged format only")
        let header = 4 * offsets.count
        var data = Data(count: header + words.count * 8)
        data.withUnsafeMutableBytes { raw in
            for (index, offset) in offsets.enumerated() {
                raw.storeBytes(of: offset.littleEndian, toByteOffset: index * 4, as: UInt32.self)
            }
            for (index, word) in words.enumerated() {
                raw.storeBytes(of: word.littleEndian, toByteOffset: header + index * 8, as: UInt64.self)
            }
        }
        return data
    }

    func mayContain(_ key: Int64) -> Bool {
        guard !offsets.isEmpty else { return firstFormatMayContain(key) }
        let range = Self.range(of: key)
        let start = Int(offsets[range])
        let bits = UInt64(Int(offsets[range + 1]) - start) * 64
        guard bits > 0 else { return false }
        return Self.forEachBit(of: key, among: bits) { bit in
            words[start + Int(bit / 64)] & (1 << (bit % 64)) != 0
        }
    }

    /// The range of `key`: its top bits, in signed order (negative keys first).
    static func range(of key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) ^ (1 << 63)) >> UInt64(64 - rangeBits))
    }

    /// Calls `body` with each of `key`'s probe positions among `bits`, while it returns true;
    /// returns whether it always did. Double hashing of the key's mix (the key's own top bits
    /// are its range's, the same for every key there): each position is the high word of a
    /// hash times `bits`, which needs no power of two.
    @discardableResult
    private static func forEachBit(of key: Int64, among bits: UInt64, _ body: (UInt64) -> Bool) -> Bool {
        var hash = StableHash.mix(UInt64(bitPattern: key))
        let step = StableHash.mix(hash) | 1
        for _ in 0..<probes {
            if !body(hash.multipliedFullWidth(by: bits).high) { return false }
            hash &+= step
        }
        return true
    }

    /// The first format: positions by the key itself and an odd step derived from it, masked
    /// (the length a power of two of words) or taken modulo.
    private func firstFormatMayContain(_ key: Int64) -> Bool {
        let bits = UInt64(words.count * 64)
        let mask = bits & (bits - 1) == 0 ? bits - 1 : nil
        let value = UInt64(bitPattern: key)
        var hash = value
        let step = StableHash.mix(value) | 1
        for _ in 0..<Self.probes {
            let bit = mask.map { hash & $0 } ?? hash % bits
            if words[Int(bit / 64)] & (1 << (bit % 64)) == 0 { return false }
            hash &+= step
        }
        return true
    }
}
