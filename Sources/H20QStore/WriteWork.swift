/// What a batch's writes cost: cluster members read and stories re-checked for its removals
/// (replacing many members of one large cluster must read it once a batch, not once a
/// removal), and how its blocks were summarized.
package struct WriteWork: Sendable, Equatable {
    /// Cluster members read to know a removed story's family (once per cluster and batch).
    package var familyMembersRead = 0
    /// Cluster members fingerprinted to find who else has a removed story's keys (once per
    /// cluster and batch, and only when some key had no other holder among the postings).
    package var familyMembersFingerprinted = 0
    /// Clusters re-checked because they lost a member, and the stories in them.
    package var clustersRepaired = 0
    package var storiesRechecked = 0
    /// Blocks summarized from the words counted on the reading thread (`BlockTerms`), and
    /// from their stories' texts read back.
    package var blocksFromCountedWords = 0
    package var blocksFromTexts = 0

    package init() {}
}
