/// Everything that decides how an index finds duplicates. Fixed when the index is created and
/// recorded in it, so that every story in an index is fingerprinted the same way.
public struct DedupParameters: Sendable, Codable, Equatable {
    /// Version of the normalizer and hash functions; an index written by another version is
    /// refused rather than silently mixed.
    public var fingerprintVersion: Int
    public var shingleSize: Int
    public var permutations: Int
    public var bands: Int
    public var rowsPerBand: Int
    public var minHashSeed: UInt64
    /// Broder's m: shingles whose hash is divisible by it form the containment sample.
    public var sampleModulus: Int
    /// A sampled shingle held by more stories than this is a stock phrase: it is no longer
    /// looked up nor posted.
    public var sampleCap: Int
    /// A key already held by this many stories, one of them in the new story's cluster, is not
    /// posted again for it: a story republished a thousand times keeps its keys below the cap.
    public var familyPostingLimit: Int
    /// Share of containment pairs at the threshold that the shared-sample prefilter may drop.
    public var prefilterMissRate: Double
    public var rule: DuplicateRule

    public static let currentFingerprintVersion = 1

    public static let standard = DedupParameters(
        fingerprintVersion: currentFingerprintVersion,
        shingleSize: 5,
        permutations: 128,
        bands: 20,
        rowsPerBand: 6,
        minHashSeed: 0x6832_3071_5f6d_6873,
        sampleModulus: 8,
        sampleCap: 1000,
        familyPostingLimit: 64,
        prefilterMissRate: 0.001,
        rule: .standard
    )

    /// Stories below this many shingles get LSH band keys: the only ones that can be the same
    /// story as another by Jaccard similarity alone (see `DuplicateRule`).
    public var bandedBelow: Int { rule.jaccardCandidatesBelow }

    /// Stories with at least this many shingles get a containment sample.
    public var sampledFrom: Int { rule.containmentMinShingles }
}
