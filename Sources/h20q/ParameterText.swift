import H20QDedup

/// The parameters of an index in words.
enum ParameterText {
    static func lines(_ p: DedupParameters) -> [String] {
        [
            "  shingles: \(p.shingleSize) words; MinHash \(p.permutations) permutations, LSH \(p.bands) bands x \(p.rowsPerBand) rows for stories under \(p.bandedBelow) shingles",
            "  containment sample: shingle hashes divisible by \(p.sampleModulus) for stories of \(p.sampledFrom)+ shingles, stock phrases capped at \(p.sampleCap) stories",
            "  same story: Jaccard >= \(p.rule.jaccard), or containment >= \(p.rule.containment) with both stories >= \(p.rule.containmentMinShingles) shingles",
        ]
    }
}
