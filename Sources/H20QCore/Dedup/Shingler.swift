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

    /// Hashes of the normalized words of `text`, in order.
    public func wordHashes(of text: String) -> [UInt64] {
        var sink = WordHashes()
        normalizer.scan(text, into: &sink)
        return sink.hashes
    }

    /// The distinct shingle hashes of a text given as word hashes, sorted ascending.
    public func shingles(ofWords words: [UInt64]) -> [UInt64] {
        guard !words.isEmpty else { return [] }
        guard words.count > size else { return [StableHash.combine(words)] }
        var hashes = [UInt64]()
        hashes.reserveCapacity(words.count - size + 1)
        words.withUnsafeBufferPointer { words in
            for start in 0...(words.count - size) {
                hashes.append(StableHash.combine(UnsafeBufferPointer(rebasing: words[start..<(start + size)])))
            }
        }
        hashes.sort()
        return hashes.uniqued()
    }
}

struct WordHashes: WordSink {
    var hashes: [UInt64] = []

    init() { hashes.reserveCapacity(256) }

    @inline(__always)
    mutating func word(_ bytes: UnsafeBufferPointer<UInt8>) {
        hashes.append(StableHash.fnv1a(bytes))
    }
}

extension Array where Element: Equatable {
    /// Removes adjacent repeats: on a sorted array, the distinct elements.
    func uniqued() -> [Element] {
        guard count > 1 else { return self }
        var result = self
        var last = 0
        for index in 1..<result.count where result[index] != result[last] {
            last += 1
            result[last] = result[index]
        }
        result.removeSubrange((last + 1)...)
        return result
    }
}
