import H20QDedup
import H20QStore

/// Same-story similarity between stored stories: from the pair ingest recorded when it found
/// them to be the same story (the shingles they share), else from shingles recomputed from
/// their text (members clustered through others), kept for the length of one request.
final class SimilarityCache {
    // Used by one request on one thread at a time.
    private let fingerprinter: Fingerprinter
    private var shingles: [Int64: ShingleSet] = [:]

    init(fingerprinter: Fingerprinter) {
        self.fingerprinter = fingerprinter
    }

    /// 1.0 for the same story; otherwise `Similarity.score` of the pair.
    func score(_ a: Int64, _ b: Int64, _ reader: StoreReader) throws -> Double {
        if a == b { return 1 }
        let rule = fingerprinter.parameters.rule
        let similarity =
            if let pair = try reader.sharedShingles(a, b) {
                rule.similarity(shared: pair.shared, pair.sizes.0, pair.sizes.1)
            } else {
                rule.compare(try shingles(of: a, reader), try shingles(of: b, reader))
            }
        return (similarity.score * 1000).rounded() / 1000
    }

    private func shingles(of story: Int64, _ reader: StoreReader) throws -> ShingleSet {
        if let known = shingles[story] { return known }
        let set =
            try reader.storyText(story).map { fingerprinter.shingles(title: $0.title, body: $0.body) }
            ?? ShingleSet(sortedValues: [])
        shingles[story] = set
        return set
    }
}
