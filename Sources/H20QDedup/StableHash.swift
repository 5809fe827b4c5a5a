/// Fixed 64-bit hashing. Swift's `Hasher` is seeded per process, so everything stored in an
/// index is hashed with these instead: the same text gives the same hashes on every run.
public enum StableHash {
    /// FNV-1a, 64-bit.
    ///
    ///     StableHash.fnv1a(Array("a".utf8)) -> 0xaf63dc4c8601ec8c
    @inline(__always)
    public static func fnv1a<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        bytes.reduce(fnv1aBasis, fnv1a)
    }

    /// FNV-1a's starting value.
    public static let fnv1aBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One step of FNV-1a: `hash` continued by `byte`.
    @inline(__always)
    public static func fnv1a(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// MurmurHash3's 64-bit finalizer: a bijection that spreads every input bit over the output.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x &*= 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }

    /// Hash of a sequence of word hashes, order-sensitive.
    ///
    ///     combine([1, 2]) != combine([2, 1])
    @inline(__always)
    public static func combine<Words: Collection>(_ words: Words) -> UInt64 where Words.Element == UInt64 {
        var hash: UInt64 = 0x9e37_79b9_7f4a_7c15 ^ UInt64(words.count)
        for word in words {
            hash = mix(hash ^ word)
        }
        return hash
    }

    /// A hash of text as it is written, eight bytes a step: whether a copy's own title and
    /// body changed between two ingests. Not for shingles (it is not word-based).
    ///
    ///     textIdentity("Chips", "Curbs.") != textIdentity("Chips", "Curbs!")
    public static func textIdentity(_ title: String, _ body: String) -> UInt64 {
        var hash: UInt64 = 0x6832_3071_7465_7874
        for var text in [title, body] {
            text.withUTF8 { hash = bytesIdentity(UnsafeRawBufferPointer($0), continuing: hash) }
        }
        return hash
    }

    /// `hash` continued by `bytes`, eight bytes a step; the length counts, so that texts cut
    /// in different places differ.
    public static func bytesIdentity(_ bytes: UnsafeRawBufferPointer, continuing hash: UInt64) -> UInt64 {
        var hash = hash
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0x9e37_79b9_7f4a_7c15
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<bytes.count { tail = tail << 8 | UInt64(bytes[index]) }
        return mix(hash ^ tail ^ UInt64(bytes.count) << 56)
    }

    /// The n-th value of the SplitMix64 sequence from `seed`: fixed pseudo-random constants.
    public static func splitMix(seed: UInt64, index: Int) -> UInt64 {
        var z = seed &+ UInt64(index + 1) &* 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
