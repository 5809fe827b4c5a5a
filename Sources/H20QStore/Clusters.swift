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
        // Cached: a join comes with every near-duplicate, and preparing its statements each
        // time cost as much as running them.
        let relabelStory = try db.cachedStatement(sql: "UPDATE story SET cluster = ? WHERE id = ?")
        for group in sized {
            if group.isCluster {
                if group.label != target.label {
                    try db.cachedStatement(sql: "UPDATE story SET cluster = ? WHERE cluster = ?")
                        .run(.integer(target.label), .integer(group.label))
                    join.mergedClusters.append(group.label)
                }
            } else {
                try relabelStory.run(.integer(target.label), .integer(group.label))
                join.loneStories.append(group.label)
            }
        }
        try relabelStory.run(.integer(target.label), .integer(storyID))
        return join
    }

    static func size(of label: Int64, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT count(*) FROM story WHERE cluster = ?"), arguments: [label]) ?? 0
    }

    /// Recomputes the clusters of every story tied to `seeds` (stories removed from, joined
    /// to or paired with something that may change its cluster), by pairs or by a shared
    /// cluster: the pairs among them are found again through the candidate tables, as ingest
    /// finds them, and those recorded among them are checked again; the clusters follow from
    /// them by the rule (`ClusterGraph`). A cluster of
    /// thousands is recomputed in time linear in its size. Each cluster that comes out holds
    /// each of its keys itself (keys a removed story held for its cluster are posted again by
    /// a remaining member), but stock phrases: as in ingest, a sampled shingle held by more than
    /// `sampleCap` stories is neither read (thousands of postings at a million stories) nor
    /// posted. A cluster whose stories stay together keeps its label.
    ///
    /// Returns the postings it added; counts what it re-checked in `work`.
    static func recompute(
        seeds: Set<Int64>, parameters: DedupParameters, fingerprinter: Fingerprinter, filters: RunFilters,
        work: inout WriteWork, _ db: Database
    ) throws -> [(PostingTable.Kind, Int64, Posting)] {
        let unit = try tied(to: seeds, db)
        guard !unit.isEmpty else { return [] }
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT id, title, body, cluster FROM story WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
            arguments: [JSONArray.integers(unit)])
        let ids: [Int64] = rows.map { $0[0] }
        let oldLabels: [Int64?] = rows.map { $0[3] }
        work.clustersRepaired += Set(oldLabels.compactMap { $0 }).count
        work.storiesRechecked += ids.count
        let position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let fingerprints = rows.map { fingerprinter.fingerprint(title: $0[1], body: $0[2]) }
        // Holders of each key among these stories, as the lookups found them, and every
        // same-story pair they lead to.
        var holders: [PostingTable.Kind: [Int64: [Int]]] = [.bands: [:], .samples: [:]]
        var compared = Set<Int>()
        var stock = Set<Int64>()
        var pairs: [ClusterGraph.Pair] = []
        func check(_ index: Int, _ other: Int) {
            let (low, high) = (min(index, other), max(index, other))
            guard compared.insert(low * ids.count + high).inserted else { return }
            let similarity = parameters.rule.compare(fingerprints[low].shingles, fingerprints[high].shingles)
            if similarity.isSameStory {
                pairs.append(ClusterGraph.Pair(ids[low], ids[high], shared: similarity.shared))
            }
        }
        // The pairs recorded among them are checked again: one found through keys that are
        // stock phrases now (not read here) is not lost.
        let recorded = try Row.fetchAll(
            db,
            sql: """
                SELECT a, b FROM story_pair
                WHERE a IN (SELECT value FROM json_each(:ids)) AND b IN (SELECT value FROM json_each(:ids))
                """,
            arguments: ["ids": JSONArray.integers(ids)])
        for row in recorded {
            if let a = position[row[0]], let b = position[row[1]] { check(a, b) }
        }
        for kind in [PostingTable.Kind.bands, .samples] {
            let keys = Set(fingerprints.flatMap { kind == .bands ? $0.bandKeys : $0.sampleKeys })
            let cap = kind == .samples ? parameters.sampleCap : .max
            try PostingRuns.lookup(
                kind, keys: Array(keys), cap: cap, filters: filters, stockSince: filters.stock.epoch, db
            ) { key, found in
                switch found {
                case .postings(let postings): holders[kind]![key] = postings.compactMap { position[$0.story] }
                case .counted: stock.insert(key)
                }
            }
            for (index, fingerprint) in fingerprints.enumerated() {
                for key in Set(kind == .bands ? fingerprint.bandKeys : fingerprint.sampleKeys)
                where !stock.contains(key) {
                    // A story has keys it did not post (its family held them already): it is
                    // compared with whoever posted them, whichever came first.
                    for other in holders[kind]![key]! where other != index { check(index, other) }
                }
            }
        }
        let sizes = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, fingerprints[$0].shingles.count) })
        let solution = ClusterGraph(rule: parameters.rule, sizes: sizes, pairs: pairs).solve()
        try StoryPairs.replace(among: ids, with: pairs, sizes: sizes, rule: parameters.rule, db)
        var component = [Int](repeating: 0, count: ids.count)
        for (number, cluster) in solution.clusters.enumerated() {
            for id in cluster { component[position[id]!] = number }
        }
        // Each cluster that comes out holds each of its keys itself, by one member at least.
        var reposted: [(PostingTable.Kind, Int64, Posting)] = []
        for kind in [PostingTable.Kind.bands, .samples] {
            var held = Set<[Int64]>()  // (cluster, key) pairs already held
            for (key, indexes) in holders[kind]! {
                for index in indexes { held.insert([Int64(component[index]), key]) }
            }
            var added: [(key: Int64, posting: Posting)] = []
            for (index, fingerprint) in fingerprints.enumerated() {
                let keys = kind == .bands ? fingerprint.bandKeys : fingerprint.sampleKeys
                let size = kind == .bands ? fingerprint.shingles.count : fingerprint.sampleKeys.count
                for key in keys where !stock.contains(key) && held.insert([Int64(component[index]), key]).inserted {
                    added.append((key, Posting(story: ids[index], size: size)))
                }
            }
            try PostingRuns.append(kind, added, filters: filters, db)
            reposted += added.map { (kind, $0.key, $0.posting) }
        }
        try relabel(solution.clusters, old: Dictionary(uniqueKeysWithValues: zip(ids, oldLabels)), db)
        let flag = try db.cachedStatement(sql: "UPDATE story SET compilation = ? WHERE id = ?")
        for id in ids { try flag.run(.integer(solution.compilations.contains(id) ? 1 : 0), .integer(id)) }
        return reposted
    }

    /// The stories tied to `seeds`, by pairs or by a shared cluster, repeatedly.
    private static func tied(to seeds: Set<Int64>, _ db: Database) throws -> Set<Int64> {
        var unit = Set<Int64>()
        var frontier = seeds
        while !frontier.isEmpty {
            let found = try Int64.fetchSet(
                db,
                sql: """
                    WITH f(id) AS (SELECT value FROM json_each(:frontier))
                    SELECT id FROM story WHERE id IN (SELECT id FROM f)
                    UNION SELECT b FROM story_pair WHERE a IN (SELECT id FROM f)
                    UNION SELECT a FROM story_pair WHERE b IN (SELECT id FROM f)
                    UNION SELECT id FROM story WHERE cluster IN (
                        SELECT cluster FROM story WHERE id IN (SELECT id FROM f) AND cluster IS NOT NULL)
                    """,
                arguments: ["frontier": JSONArray.integers(frontier)])
            frontier = found.subtracting(unit)
            unit.formUnion(found)
        }
        return unit
    }

    /// Labels clusters: a cluster whose stories all had one label, claimed by no other, keeps
    /// it; another takes its smallest story id; a story alone has none.
    private static func relabel(_ clusters: [[Int64]], old: [Int64: Int64?], _ db: Database) throws {
        var claimed = Set<Int64>()
        var labels: [Int64?] = []
        for cluster in clusters {
            guard cluster.count > 1 else {
                labels.append(nil)
                continue
            }
            let previous = Set(cluster.map { old[$0] ?? nil })
            if previous.count == 1, let label = previous.first!, claimed.insert(label).inserted {
                labels.append(label)
            } else {
                labels.append(nil)
            }
        }
        let update = try db.cachedStatement(sql: "UPDATE story SET cluster = ? WHERE id = ?")
        for (cluster, kept) in zip(clusters, labels) {
            var label = kept
            if label == nil && cluster.count > 1 {
                label = cluster.first { claimed.insert($0).inserted } ?? cluster[0]
            }
            for id in cluster { try update.run(label.map(SQLValue.integer) ?? .null, .integer(id)) }
        }
    }
}
