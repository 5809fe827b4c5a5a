/// Cuts normalized text into word shingles and hashes them.
///
///     words "a b c d e f" with size 5 -> shingles {hash(a b c d e), hash(b c d e f)}
///
/// A word's hash is FNV-1a of its UTF-8 bytes; a shingle's hash is `StableHash.combine` of
/// its words' hashes. A text of fewer than `size` words is one shingle of all its words.
public struct Shingler: Sendable {
    public let size: Int
    private let normalizer = TextNormalizer()

    public init(size: Int) {
        precondition(size > 0, "Shingle size must be positive.")
        self.size = size
    }

    /// Hashes of the normalized words of `texts`, in order, as if the texts were one text
    /// with a line break between each.
    public func wordHashes(of texts: String...) -> [UInt64] {
        var sink = WordHashes()
        for text in texts { normalizer.scan(text, into: &sink) }
        return sink.hashes
    }

    /// The distinct shingle hashes of a text given as word hashes, sorted ascending.
    public func shingles(ofWords words: [UInt64]) -> [UInt64] {
        var hashes = shingleHashes(ofWords: words)
        hashes.sort()
        hashes.removeAdjacentDuplicates()
        return hashes
    }

    /// The shingle hashes of a text given as word hashes, in text order: a repeated shingle
    /// repeats.
    public func shingleHashes(ofWords words: [UInt64]) -> [UInt64] {
        guard !words.isEmpty else { return [] }
        guard words.count > size else { return [StableHash.combine(words)] }
        return [UInt64](unsafeUninitializedCapacity: words.count - size + 1) { hashes, initialized in
            words.withUnsafeBufferPointer { words in
                for start in 0...(words.count - size) {
                    hashes[start] = StableHash.combine(UnsafeBufferPointer(rebasing: words[start..<(start + size)]))
                }
            }
            initialized = words.count - size + 1
        }
    }
}

/// FNV-1a of each word, computed as its bytes arrive.
private struct WordHashes: WordSink {
    var hashes: [UInt64] = []
    private var hash = StableHash.fnv1aBasis

    init() { hashes.reserveCapacity(256) }

    @inline(__always)
    mutating func append(_ byte: UInt8) { hash = StableHash.fnv1a(hash, byte) }

    @inline(__always)
    mutating func endWord() {
        hashes.append(hash)
        hash = StableHash.fnv1aBasis
    }
}
