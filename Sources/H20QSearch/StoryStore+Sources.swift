import H20QInput
import H20QStore

extension StoryStore {
    /// Sightings by source (`h20q dupes --by-source`), counting those that pass `query`'s
    /// source and dates; clusters are read one at a time.
    public func sourceReport(_ query: DupesQuery = DupesQuery()) throws(StoreError) -> SourceReport {
        try reading("cannot count sources") { reader in
            var tally = SourceReport.Tally()
            for (source, count) in try reader.loneSightingsBySource(filter: query.filter) {
                tally.lone(source, count: count)
            }
            var group: (label: Int64, members: [(ClusterMember, Bool)])?
            func flush() {
                guard let members = group?.members, let canonical = ClusterMember.canonical(of: members.map(\.0))
                else { return }
                for (member, passes) in members where passes {
                    tally.member(
                        member.source, isCanonical: member.id.isSameID(canonical.id),
                        canonicalSource: canonical.source)
                }
            }
            try reader.eachClusteredSighting(filter: query.filter) { label, member, passes in
                if group?.label != label {
                    flush()
                    group = (label, [])
                }
                group!.members.append((member, passes))
            }
            flush()
            return tally.report
        }
    }
}
