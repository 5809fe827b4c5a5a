/// Everything duplicate detection needs to know about one story's text, computed once.
public struct StoryFingerprint: Sendable {
    /// Identity of the normalized text: equal texts have equal hashes.
    public var textHash: Int64
    public var shingles: ShingleSet
    /// LSH keys, for stories short enough to match by Jaccard alone; otherwise empty.
    public var bandKeys: [Int64]
    /// Containment sample, for stories long enough for containment; otherwise empty.
    public var sampleKeys: [Int64]
}

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

    /// The text a story is compared by: its title and body together.
    public static func text(title: String, body: String) -> String {
        body.isEmpty ? title : title + "\n" + body
    }

    public func wordHashes(title: String, body: String) -> [UInt64] {
        shingler.wordHashes(of: Self.text(title: title, body: body))
    }

    public func fingerprint(title: String, body: String) -> StoryFingerprint {
        let words = wordHashes(title: title, body: body)
        let hashes = shingler.shingles(ofWords: words)
        let bandKeys =
            hashes.count < parameters.bandedBelow
            ? banding.keys(of: minHasher.signature(of: hashes)) : []
        let sampleKeys = hashes.count >= parameters.sampledFrom ? sampler.sample(of: hashes) : []
        return StoryFingerprint(
            textHash: Int64(bitPattern: StableHash.combine(words)),
            shingles: ShingleSet(hashes: hashes),
            bandKeys: bandKeys,
            sampleKeys: sampleKeys)
    }

    /// The shingle set of a stored story, recomputed from its text.
    public func shingles(title: String, body: String) -> ShingleSet {
        ShingleSet(hashes: shingler.shingles(ofWords: wordHashes(title: title, body: body)))
    }
}
