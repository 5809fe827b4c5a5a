import Foundation
import H20QDedup

/// A Bloom filter over 64-bit keys (already uniformly random hashes): 10 bits and 7 probes a
/// key, about 1% false positives.
struct BloomFilter: Sendable {
    private var words: [UInt64]

    static let bitsPerKey = 10
    static let probes = 7

    /// A power of two of words, so that a bit's position is a mask, not a division: the one
    /// nearest the 10 bits a key asked for, down to 7.5 (about 3% false positives) or up.
    init(capacity: Int) {
        let needed = max(1, (capacity * Self.bitsPerKey + 63) / 64)
        let above = 1 << (Int.bitWidth - (needed - 1).leadingZeroBitCount)
        let below = above / 2
        words = [UInt64](repeating: 0, count: below > 0 && 4 * below >= 3 * needed ? below : above)
    }

    /// Reads the form written by `data`; an empty or damaged filter admits every key.
    init(data: Data) {
        let count = data.count / 8
        guard count > 0 else {
            words = [.max]
            return
        }
        words = data.withUnsafeBytes { raw in
            (0..<count).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
    }

    var data: Data {
        var data = Data(count: words.count * 8)
        data.withUnsafeMutableBytes { raw in
            for (index, word) in words.enumerated() {
                raw.storeBytes(of: word.littleEndian, toByteOffset: index * 8, as: UInt64.self)
            }
        }
        return data
    }

    mutating func insert(_ key: Int64) {
        let bits = UInt64(words.count * 64)
        let mask = bits & (bits - 1) == 0 ? bits - 1 : nil
        var (hash, step) = Self.hashes(key)
        for _ in 0..<Self.probes {
            let bit = mask.map { hash & $0 } ?? hash % bits
            words[Int(bit / 64)] |= 1 << (bit % 64)
            hash &+= step
        }
    }

    func mayContain(_ key: Int64) -> Bool {
        let bits = UInt64(words.count * 64)
        let mask = bits & (bits - 1) == 0 ? bits - 1 : nil
        var (hash, step) = Self.hashes(key)
        for _ in 0..<Self.probes {
            let bit = mask.map { hash & $0 } ?? hash % bits
            if words[Int(bit / 64)] & (1 << (bit % 64)) == 0 { return false }
            hash &+= step
        }
        return true
    }

    /// Double hashing: the key itself, and an odd step derived from it.
    private static func hashes(_ key: Int64) -> (UInt64, UInt64) {
        let value = UInt64(bitPattern: key)
        return (value, StableHash.mix(value) | 1)
    }
}
