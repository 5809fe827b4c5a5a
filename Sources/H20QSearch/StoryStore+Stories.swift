import H20QDedup
import H20QInput
import H20QStore

extension StoryStore {
    /// The sighting `id` with its story, copies and cluster; nil when no such id.
    public func story(id: String) throws(StoreError) -> StoryDetail? {
        let similarity = SimilarityCache(fingerprinter: Fingerprinter(parameters: parameters))
        return try reading("cannot read story \(id)") { reader in
            guard let record = try reader.sighting(id: id) else { return nil }
            let members = try reader.clusterMembers(ofStory: record.story)
            let metadata = try record.metadata.map { text in try JSONParser.parse(text) }
            return StoryDetail(
                id: id, title: record.title, body: record.body, source: record.source, url: record.url,
                published: record.published, metadata: metadata, origin: record.origin, wording: record.wording,
                sightings: members.filter { $0.story == record.story && !$0.id.isSameID(id) }.map {
                    StoryDetail.Sighting(id: $0.id, source: $0.source, url: $0.url, published: $0.published)
                },
                cluster: try ClusterReport.Cluster(
                    label: record.cluster, members: members, similarity: similarity, reader),
                contains: try reader.contents(ofStory: record.story).map(StoryDetail.Contained.init),
                containedIn: try reader.compilations(containing: record.story).map(StoryDetail.Contained.init))
        }
    }

    /// Clusters of at least `minimumSize` members (sightings), largest first.
    public func clusters(minimumSize: Int = 2) throws(StoreError) -> ClusterReport {
        let similarity = SimilarityCache(fingerprinter: Fingerprinter(parameters: parameters))
        return try reading("cannot list clusters") { reader in
            var groups: [(label: Int64, members: [ClusterMember])] = []
            for (label, member) in try reader.clusteredSightings() {
                if groups.last?.label == label {
                    groups[groups.count - 1].members.append(member)
                } else {
                    groups.append((label, [member]))
                }
            }
            var clusters = try groups.filter { $0.members.count >= max(2, minimumSize) }.map { group in
                try ClusterReport.Cluster(label: group.label, members: group.members, similarity: similarity, reader)
            }
            clusters.sort { a, b in
                if a.members.count != b.members.count { return a.members.count > b.members.count }
                switch (a.members.first?.published, b.members.first?.published) {
                case (let x?, let y?) where x != y: return x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return a.canonical.sortsBeforeID(b.canonical)
                }
            }
            return ClusterReport(clusters: clusters)
        }
    }
}
