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

    /// Why these parameters cannot work, if they cannot: a damaged index must not reach the
    /// preconditions of the hashing types.
    public var problem: String? {
        if shingleSize < 1 || permutations < 1 || bands < 1 || rowsPerBand < 1 { return "sizes must be positive" }
        if bands * rowsPerBand > permutations { return "bands x rows exceed the permutations" }
        if sampleModulus < 1 || sampleCap < 1 || familyPostingLimit < 1 { return "sample settings must be positive" }
        if !(0 < prefilterMissRate && prefilterMissRate < 1) {
            return "the prefilter miss rate must be between 0 and 1"
        }
        if !(0 < rule.jaccard && rule.jaccard <= 1 && 0 < rule.containment && rule.containment <= 1) {
            return "similarity thresholds must be between 0 and 1"
        }
        if rule.containmentMinShingles < 1 { return "the containment minimum must be positive" }
        return nil
    }

    /// Stories below this many shingles get LSH band keys: the only ones that can be the same
    /// story as another by Jaccard similarity alone (see `DuplicateRule`).
    public var bandedBelow: Int { rule.jaccardCandidatesBelow }

    /// Stories with at least this many shingles get a containment sample.
    public var sampledFrom: Int { rule.containmentMinShingles }
}
