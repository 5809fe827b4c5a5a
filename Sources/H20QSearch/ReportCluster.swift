import H20QDedup
import H20QInput
import H20QStore

/// A duplicate cluster as the reports show it: the cluster (as `--json` prints it) and, for
/// each member, its word diff against the canonical story (nil for the canonical story's own
/// sightings), which the HTML page draws side by side.
public struct ReportCluster: Sendable {
    public var cluster: ClusterReport.Cluster
    /// One per member, in the same order.
    package var comparisons: [StoryComparison?]
    package var canonicalTitle: String
    package var canonicalBody: String
}

extension ReportCluster {
    /// The cluster `label` of `members` (earliest first): canonical member first, each with
    /// its similarity to the canonical one and what differs from it. Shingles and diffs are
    /// computed once per story of the cluster and forgotten with it.
    ///
    ///     members [b (2025-08-14), a (2025-08-13)] -> cluster canonical a, members [a, b]
    init(label: Int64, members: [ClusterMember], fingerprinter: Fingerprinter, _ reader: StoreReader) throws {
        let canonical = ClusterMember.canonical(of: members)!
        let ordered = [canonical] + members.filter { !$0.id.isSameID(canonical.id) }
        var texts: [Int64: (title: String, body: String)] = [:]
        func text(_ story: Int64) throws -> (title: String, body: String) {
            if let known = texts[story] { return known }
            let loaded = try reader.storyText(story) ?? ("", "")
            texts[story] = loaded
            return loaded
        }
        let canonicalText = try text(canonical.story)
        let canonicalShingles = fingerprinter.shingles(title: canonicalText.title, body: canonicalText.body)
        var compared: [Int64: (member: ClusterReport.Member, comparison: StoryComparison)] = [:]
        var reportMembers: [ClusterReport.Member] = []
        var comparisons: [StoryComparison?] = []
        for member in ordered {
            if member.story == canonical.story {
                reportMembers.append(
                    ClusterReport.Member(
                        id: member.id, title: member.title, source: member.source, published: member.published,
                        similarity: 1, jaccard: 1, containment: 1,
                        differences: member.id.isSameID(canonical.id) ? .canonical : .exactCopy))
                comparisons.append(nil)
                continue
            }
            if compared[member.story] == nil {
                let memberText = try text(member.story)
                let similarity = fingerprinter.parameters.rule.compare(
                    canonicalShingles, fingerprinter.shingles(title: memberText.title, body: memberText.body))
                let comparison = StoryComparison(canonical: canonicalText, member: memberText)
                compared[member.story] = (
                    ClusterReport.Member(
                        id: member.id, title: member.title, source: member.source, published: member.published,
                        similarity: Self.rounded(similarity.score), jaccard: Self.rounded(similarity.jaccard),
                        containment: Self.rounded(similarity.containment), differences: comparison.differences),
                    comparison
                )
            }
            var known = compared[member.story]!
            known.member.id = member.id
            known.member.title = member.title
            known.member.source = member.source
            known.member.published = member.published
            reportMembers.append(known.member)
            comparisons.append(known.comparison)
        }
        self.init(
            cluster: ClusterReport.Cluster(id: label, canonical: canonical.id, members: reportMembers),
            comparisons: comparisons, canonicalTitle: canonicalText.title, canonicalBody: canonicalText.body)
    }

    /// Three decimals, as every similarity is shown.
    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
