import GRDB

/// A stored story found to be the same story as a new one.
struct Match {
    var story: Int64
    /// The stored story's cluster label; nil while it stands alone.
    var cluster: Int64?
    var similarity: Similarity
}

/// Clusters of the same story, kept as a label on each story row: NULL for a story alone,
/// otherwise the id of one of the cluster's current stories. Joining is union-find with the
/// smaller side relabelled; removing a story re-checks the pairs of what remains.
enum Clusters {
    /// Puts a new story in one cluster with all the stories it matched, merging their clusters.
    static func join(_ storyID: Int64, with matches: [Match], _ db: Database) throws {
        // Each matched story's cluster, or the story itself while it stands alone.
        var groups = [Int64: Bool]()  // label -> is an existing cluster
        for match in matches {
            if let cluster = match.cluster {
                groups[cluster] = true
            } else {
                groups[match.story] = groups[match.story] ?? false
            }
        }
        let sized = try groups.map { label, isCluster in
            (label: label, isCluster: isCluster, size: isCluster ? try size(of: label, db) : 1)
        }
        let target = sized.max { ($0.size, -$0.label) < ($1.size, -$1.label) }!
        for group in sized {
            if group.isCluster {
                if group.label != target.label {
                    try db.execute(sql: "UPDATE story SET cluster = ? WHERE cluster = ?", arguments: [target.label, group.label])
                }
            } else {
                try db.execute(sql: "UPDATE story SET cluster = ? WHERE id = ?", arguments: [target.label, group.label])
            }
        }
        try db.execute(sql: "UPDATE story SET cluster = ? WHERE id = ?", arguments: [target.label, storyID])
    }

    static func size(of label: Int64, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM story WHERE cluster = ?", arguments: [label]) ?? 0
    }

    /// Recomputes the clusters of what is left under `label` after a story left it: stories
    /// stay together only where a chain of pairs still satisfies the rule.
    static func repair(label: Int64, rule: DuplicateRule, fingerprinter: Fingerprinter, _ db: Database) throws {
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, title, body FROM story WHERE cluster = ? ORDER BY id", arguments: [label])
        let ids: [Int64] = rows.map { $0[0] }
        let sets = rows.map { fingerprinter.shingles(title: $0[1], body: $0[2]) }
        var components = UnionFind(count: ids.count)
        for i in 0..<ids.count {
            for j in (i + 1)..<max(i + 1, ids.count) where components.find(i) != components.find(j) {
                if rule.compare(sets[i], sets[j]).isSameStory { components.union(i, j) }
            }
        }
        var members = [Int: [Int64]]()
        for index in 0..<ids.count { members[components.find(index), default: []].append(ids[index]) }
        for group in members.values {
            let newLabel: Int64? = group.count > 1 ? group.min() : nil
            for id in group {
                try db.execute(sql: "UPDATE story SET cluster = ? WHERE id = ?", arguments: [newLabel, id])
            }
        }
    }
}

/// Disjoint sets over 0..<count with path halving and union by size.
struct UnionFind {
    private var parent: [Int]
    private var size: [Int]

    init(count: Int) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
    }

    mutating func find(_ element: Int) -> Int {
        var x = element
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        var rootA = find(a)
        var rootB = find(b)
        guard rootA != rootB else { return }
        if size[rootA] < size[rootB] { swap(&rootA, &rootB) }
        parent[rootB] = rootA
        size[rootA] += size[rootB]
    }
}
