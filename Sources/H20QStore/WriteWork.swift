/// What a batch's removals cost: cluster members read and stories re-checked. Replacing
/// many members of one large cluster must read it once a batch, not once a removal.
package struct WriteWork: Sendable, Equatable {
    /// Cluster members read to know a removed story's family (once per cluster and batch).
    package var familyMembersRead = 0
    /// Cluster members fingerprinted to find who else has a removed story's keys (once per
    /// cluster and batch, and only when some key had no other holder among the postings).
    package var familyMembersFingerprinted = 0
    /// Clusters re-checked because they lost a member, and the stories in them.
    package var clustersRepaired = 0
    package var storiesRechecked = 0

    package init() {}
}
