import Foundation
import H20QDedup

/// The two formats written before the blocked one, still read (a run keeps its filter until it
/// is merged), never written:
///
/// - **ranged**: 65 x UInt32 offsets (each range's first word, then the end), then words; a
///   key's 7 probes anywhere in its range, by double hashing of its mix. Its length is 4 more
///   than a multiple of 8.
/// - **first**: a power of two of words over the whole key space, without offsets, positions
///   by the key itself and an odd step derived from it. Its length is a multiple of 8.
extension BloomFilter {
    /// A filter of an earlier format from `data` (its length not 6 more than a multiple of 8).
    static func earlier(_ data: Data) -> BloomFilter {
        if data.count % 8 == 0 {
            guard data.count > 0 else { return .admitsAll }
            return BloomFilter(format: .first, words: words(data, from: 0), offsets: [])
        }
        let header = 4 * (ranges + 1)
        guard data.count >= header, (data.count - header) % 8 == 0 else { return .admitsAll }
        let offsets = data.withUnsafeBytes { raw in
            (0...ranges).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
        }
        let words = words(data, from: header)
        guard offsets.first == 0, offsets.last.map(Int.init) == words.count,
            zip(offsets, offsets.dropFirst()).allSatisfy(<=)
        else { return .admitsAll }
        return BloomFilter(format: .ranged, words: words, offsets: offsets)
    }

    /// The ranged format: each position the high word of a hash times the range's bits.
    func rangedMayContain(_ key: Int64, mixed: UInt64) -> Bool {
        let range = Self.range(of: key)
        let start = Int(offsets[range])
        let bits = UInt64(Int(offsets[range + 1]) - start) * 64
        guard bits > 0 else { return false }
        var hash = mixed
        let step = StableHash.mix(hash) | 1
        for _ in 0..<Self.probes {
            let bit = hash.multipliedFullWidth(by: bits).high
            if words[start + Int(bit / 64)] & (1 << (bit % 64)) == 0 { return false }
            hash &+= step
        }
        return true
    }

    /// The first format: positions masked (the length a power of two of words) or taken modulo.
    func firstFormatMayContain(_ key: Int64) -> Bool {
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
