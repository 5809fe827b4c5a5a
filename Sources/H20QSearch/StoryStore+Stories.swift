import H20QDedup
import H20QInput
import H20QStore

extension StoryStore {
    /// The sighting `id` with its story, copies and cluster; nil when no such id.
    public func story(id: String) throws(StoreError) -> StoryDetail? {
        let fingerprinter = Fingerprinter(parameters: parameters)
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
                cluster: try ReportCluster(
                    label: record.cluster, members: members, fingerprinter: fingerprinter, reader
                ).cluster,
                contains: try reader.contents(ofStory: record.story).map(StoryDetail.Contained.init),
                containedIn: try reader.compilations(containing: record.story).map(StoryDetail.Contained.init))
        }
    }

    /// Clusters of at least `minimumSize` members (sightings), largest first.
    public func clusters(minimumSize: Int = 2) throws(StoreError) -> ClusterReport {
        try clusters(DupesQuery(minimumSize: minimumSize))
    }

    /// The clusters `query` asks for, held in memory together: a page of them.
    public func clusters(_ query: DupesQuery) throws(StoreError) -> ClusterReport {
        var clusters: [ClusterReport.Cluster] = []
        try eachCluster(query) { clusters.append($0.cluster) }
        return ClusterReport(clusters: clusters)
    }

    /// Hands each cluster `query` asks for to `body` as it is read, on one consistent snapshot
    /// of the index: one cluster is in memory at a time, whatever the size of the archive.
    ///
    ///     try store.eachCluster(DupesQuery(order: .recent, limit: 10)) { print($0.cluster.canonical) }
    public func eachCluster(_ query: DupesQuery, _ body: (ReportCluster) throws -> Void) throws(StoreError) {
        let fingerprinter = Fingerprinter(parameters: parameters)
        try reading("cannot list clusters") { reader in
            try reader.clusterHeaders(
                filter: query.filter, minimumSize: query.minimumSize,
                order: query.order == .size ? .size : .recent, limit: query.limit, offset: query.offset
            ) { header in
                let members = try reader.clusterMembers(label: header.label)
                try body(ReportCluster(label: header.label, members: members, fingerprinter: fingerprinter, reader))
            }
        }
    }

    /// The duplicate cluster labelled `id` (the daemon's `/v1/clusters/{id}`); nil when no
    /// cluster of two sightings or more has that label.
    public func cluster(id: Int64) throws(StoreError) -> ClusterReport.Cluster? {
        let fingerprinter = Fingerprinter(parameters: parameters)
        return try reading("cannot read cluster \(id)") { reader in
            let members = try reader.clusterMembers(label: id)
            guard members.count >= 2 else { return nil }
            return try ReportCluster(label: id, members: members, fingerprinter: fingerprinter, reader).cluster
        }
    }
}
