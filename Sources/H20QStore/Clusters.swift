import GRDB
import H20QDedup

/// Clusters of the same story, kept as a label on each story row: NULL for a story alone,
/// otherwise the id of one of the cluster's current stories, so that a story's cluster is
/// one indexed lookup. Joining relabels: the stories of the smaller clusters take the label
/// of the largest. Removing a story re-checks what remains (`repair`, which finds the
/// components with a `UnionFind`).
enum Clusters {
    /// What a join did: the label of the cluster that came out, the clusters merged into it
    /// (their labels gone), and the stories that stood alone before.
    struct Join {
        var label: Int64
        var mergedClusters: [Int64]
        var loneStories: [Int64]
    }

    /// Puts a new story in one cluster with all the stories it matched, merging their clusters.
    @discardableResult
    static func join(_ storyID: Int64, with matches: [Match], _ db: Database) throws -> Join {
        // Each matched story's cluster, or the story itself while it stands alone.
        var groups = [Int64: Bool]()  // label -> is an existing cluster
        for match in matches {
            if let cluster = match.cluster {
                groups[cluster] = true
            } else {
                groups[match.story] = groups[match.story] ?? false
            }
        }
        // Sizes decide which label stays; a story that matched one cluster only (the common
        // case, and every story of a large family) joins it without counting its members.
        let sized = try groups.map { label, isCluster in
            (label: label, isCluster: isCluster, size: isCluster && groups.count > 1 ? try size(of: label, db) : 1)
        }
        let target = sized.max { ($0.size, -$0.label) < ($1.size, -$1.label) }!
        var join = Join(label: target.label, mergedClusters: [], loneStories: [])
        for group in sized {
            if group.isCluster {
                if group.label != target.label {
                    try db.execute(
                        sql: "UPDATE story SET cluster = ? WHERE cluster = ?", arguments: [target.label, group.label])
                    join.mergedClusters.append(group.label)
                }
            } else {
                try db.execute(
                    sql: "UPDATE story SET cluster = ? WHERE id = ?", arguments: [target.label, group.label])
                join.loneStories.append(group.label)
            }
        }
        try db.execute(sql: "UPDATE story SET cluster = ? WHERE id = ?", arguments: [target.label, storyID])
        return join
    }

    static func size(of label: Int64, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM story WHERE cluster = ?", arguments: [label]) ?? 0
    }

    /// Recomputes the clusters that hold `members` (stories that shared a cluster with a
    /// story since removed): stories stay together only where a chain of pairs still satisfies
    /// the rule. Pairs are found through the candidate tables, as ingest finds them, so a
    /// cluster of thousands is repaired in time linear in its size; keys the removed story
    /// held for its whole cluster are posted again by a remaining member.
    ///
    /// Returns the postings it added; counts what it re-checked in `work`.
    static func repair(
        members: Set<Int64>, parameters: DedupParameters, fingerprinter: Fingerprinter, filters: RunFilters,
        work: inout WriteWork, _ db: Database
    ) throws -> [(PostingTable.Kind, Int64, Posting)] {
        let labels = try Int64.fetchSet(
            db,
            sql:
                "SELECT DISTINCT cluster FROM story WHERE id IN (SELECT value FROM json_each(?)) AND cluster IS NOT NULL",
            arguments: [JSONArray.integers(members)])
        guard !labels.isEmpty else { return [] }
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, title, body FROM story WHERE cluster IN (SELECT value FROM json_each(?)) ORDER BY id",
            arguments: [JSONArray.integers(labels)])
        let ids: [Int64] = rows.map { $0[0] }
        work.clustersRepaired += labels.count
        work.storiesRechecked += ids.count
        let position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let fingerprints = rows.map { fingerprinter.fingerprint(title: $0[1], body: $0[2]) }
        var components = UnionFind(count: ids.count)
        // Holders of each key among the stories repaired, as the lookups found them.
        var holders: [PostingTable.Kind: [Int64: [Int]]] = [.bands: [:], .samples: [:]]
        for kind in [PostingTable.Kind.bands, .samples] {
            let keys = Set(fingerprints.flatMap { kind == .bands ? $0.bandKeys : $0.sampleKeys })
            let found = try PostingRuns.lookup(kind, keys: Array(keys), filters: filters, db)
            for key in keys { holders[kind]![key] = (found[key] ?? []).compactMap { position[$0.story] } }
            for (index, fingerprint) in fingerprints.enumerated() {
                for key in Set(kind == .bands ? fingerprint.bandKeys : fingerprint.sampleKeys) {
                    for other in holders[kind]![key]!
                    where other != index && components.find(other) != components.find(index) {
                        if parameters.rule.compare(fingerprint.shingles, fingerprints[other].shingles).isSameStory {
                            components.union(other, index)
                        }
                    }
                }
            }
        }
        // Each cluster that comes out holds each of its keys itself, by one member at least.
        var reposted: [(PostingTable.Kind, Int64, Posting)] = []
        for kind in [PostingTable.Kind.bands, .samples] {
            var held = Set<[Int64]>()  // (component root, key) pairs already held
            for (key, indexes) in holders[kind]! {
                for index in indexes { held.insert([Int64(components.find(index)), key]) }
            }
            var added: [(key: Int64, posting: Posting)] = []
            for (index, fingerprint) in fingerprints.enumerated() {
                let keys = kind == .bands ? fingerprint.bandKeys : fingerprint.sampleKeys
                let size = kind == .bands ? fingerprint.shingles.count : fingerprint.sampleKeys.count
                for key in keys where held.insert([Int64(components.find(index)), key]).inserted {
                    added.append((key, Posting(story: ids[index], size: size)))
                }
            }
            try PostingRuns.append(kind, added, filters: filters, db)
            reposted += added.map { (kind, $0.key, $0.posting) }
        }
        var groups = [Int: [Int64]]()
        for index in ids.indices { groups[components.find(index), default: []].append(ids[index]) }
        let relabel = try db.cachedStatement(sql: "UPDATE story SET cluster = ? WHERE id = ?")
        for group in groups.values {
            let label: SQLValue = group.count > 1 ? .integer(group.min()!) : .null
            for id in group { try relabel.run(label, .integer(id)) }
        }
        return reposted
    }
}
