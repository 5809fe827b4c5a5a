/// When two stories are the same story.
///
/// Same when the 5-shingle Jaccard similarity is at least `jaccard`, or when the shorter
/// story's shingles are at least `containment` contained in the longer one and both have at
/// least `containmentMinShingles` shingles (a pasted newsletter block, an added paragraph, a
/// brief inside its writethrough).
///
///     rule.compare(a, b) -> Similarity(jaccard: 0.55, containment: 0.88, isSameStory: true)
public struct DuplicateRule: Sendable, Codable, Equatable {
    public var jaccard: Double
    public var containment: Double
    public var containmentMinShingles: Int

    public static let standard = DuplicateRule(jaccard: 0.8, containment: 0.8, containmentMinShingles: 40)

    public init(jaccard: Double, containment: Double, containmentMinShingles: Int) {
        self.jaccard = jaccard
        self.containment = containment
        self.containmentMinShingles = containmentMinShingles
    }

    public func compare(_ a: ShingleSet, _ b: ShingleSet) -> Similarity {
        similarity(shared: a.intersectionCount(with: b), a.count, b.count)
    }

    /// The similarity of two sets of `countA` and `countB` shingles sharing `shared`.
    public func similarity(shared: Int, _ countA: Int, _ countB: Int) -> Similarity {
        let union = countA + countB - shared
        let smaller = min(countA, countB)
        let jaccard = union == 0 ? 1 : Double(shared) / Double(union)
        let containment = smaller == 0 ? 0 : Double(shared) / Double(smaller)
        let containmentApplies = smaller >= containmentMinShingles
        let same = jaccard >= self.jaccard || (containmentApplies && containment >= self.containment)
        return Similarity(
            jaccard: jaccard, containment: containment, containmentApplies: containmentApplies,
            isSameStory: same, shared: shared)
    }

    /// Jaccard similarity t implies containment t on both sides, so between stories of at least
    /// `containmentMinShingles` shingles the containment test finds every Jaccard match. The
    /// pairs only Jaccard can match involve a shorter story, and then both stories have fewer
    /// than this many shingles (|B| <= |A| / jaccard).
    public var jaccardCandidatesBelow: Int {
        Int((Double(containmentMinShingles) / jaccard).rounded(.up))
    }
}
