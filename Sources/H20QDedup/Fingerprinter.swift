/// Computes story fingerprints: normalize -> shingle -> MinHash -> LSH keys, and the
/// containment sample.
///
///     Fingerprinter(parameters: .standard).fingerprint(title: "Chip curbs", body: "...")
public struct Fingerprinter: Sendable {
    public let parameters: DedupParameters
    private let shingler: Shingler
    private let minHasher: MinHasher
    private let banding: LSHBanding
    private let sampler: ContainmentSampler

    public init(parameters: DedupParameters) {
        self.parameters = parameters
        self.shingler = Shingler(size: parameters.shingleSize)
        self.minHasher = MinHasher(permutations: parameters.permutations, seed: parameters.minHashSeed)
        self.banding = LSHBanding(bands: parameters.bands, rows: parameters.rowsPerBand)
        self.sampler = ContainmentSampler(modulus: parameters.sampleModulus)
    }

    /// The words a story is compared by: those of its title, then of its body.
    public func wordHashes(title: String, body: String) -> [UInt64] {
        shingler.wordHashes(of: title, body)
    }

    public func fingerprint(title: String, body: String) -> StoryFingerprint {
        let words = wordHashes(title: title, body: body)
        // In text order, repeats included: neither MinHash nor the sample needs them sorted.
        let hashes = shingler.shingleHashes(ofWords: words)
        let shingles = ShingleSet(hashes: hashes)
        // Which paths a story takes depends on its count of distinct 64-bit shingles. The set
        // holds fewer values when shingles repeat, or (rarely) when two share their top 32 bits.
        var distinct = shingles.count
        if distinct < hashes.count {
            var sorted = hashes
            sorted.sort()
            sorted.removeAdjacentDuplicates()
            distinct = sorted.count
        }
        let bandKeys =
            distinct < parameters.bandedBelow
            ? banding.keys(of: minHasher.signature(of: hashes)) : []
        let sampleKeys = distinct >= parameters.sampledFrom ? sampler.sample(of: hashes) : []
        return StoryFingerprint(
            textHash: Int64(bitPattern: StableHash.combine(words)),
            shingles: shingles,
            bandKeys: bandKeys,
            sampleKeys: sampleKeys)
    }

    /// The shingle set of a stored story, recomputed from its text.
    public func shingles(title: String, body: String) -> ShingleSet {
        ShingleSet(hashes: shingler.shingleHashes(ofWords: wordHashes(title: title, body: body)))
    }
}
