import Foundation
import GRDB
import GRDBSQLite

/// The read queries of the ranked search: statistics of the full-text index, block summaries
/// (`RankBlocks`), and stories scored with `h20q_rank` over a range of ids.
extension StoreReader {
    /// Stories in the full-text index and their average length, as bm25 sees them.
    package func fullTextTotals() throws -> FullTextTotals {
        try FullTextTotals.read(db)
    }

    /// Stories matching the FTS5 `expression`, counted up to `limit` when given.
    package func matchCount(_ expression: String, limit: Int? = nil, ids range: Range<Int64>? = nil) throws -> Int {
        var sql = "SELECT 1 FROM story_fts WHERE story_fts MATCH :expression"
        if range != nil { sql += " AND rowid >= :low AND rowid < :high" }
        if limit != nil { sql += " LIMIT :limit" }
        var arguments: StatementArguments = ["expression": expression]
        if let range { arguments += ["low": range.lowerBound, "high": range.upperBound] }
        if let limit { arguments += ["limit": limit] }
        return try Int.fetchOne(try db.cachedStatement(sql: "SELECT count(*) FROM (\(sql))"), arguments: arguments) ?? 0
    }

    /// Whether the story with id `story` matches `expression`.
    package func matches(_ expression: String, story: Int64) throws -> Bool {
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM story_fts WHERE story_fts MATCH ? AND rowid = ?")
        return try Int.fetchOne(statement, arguments: [expression, story]) != nil
    }

    /// The summarized blocks, with the average story length their bounds were computed with
    /// and whether their sightings' sources and dates let any pass `filter` (compared as
    /// `SightingFilter` compares a sighting).
    package func summarizedBlocks(filter: SightingFilter) throws -> [Int64: RankBlocks.BlockInfo] {
        var blocks: [Int64: RankBlocks.BlockInfo] = [:]
        // An index written before the summaries (read-only until a writer migrates it): none.
        guard try db.tableExists("rank_block") else { return blocks }
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT block, average_length,
                       (:source IS NULL
                        OR EXISTS (SELECT 1 FROM json_each(sources) WHERE value = :source COLLATE NOCASE))
                       AND (:since IS NULL OR latest >= :since)
                       AND (:until IS NULL OR earliest < :until)
                FROM rank_block
                """,
            arguments: filter.arguments)
        while let row = try rows.next() {
            blocks[row[0]] = RankBlocks.BlockInfo(averageLength: row[1], mayPass: row[2] ?? false)
        }
        return blocks
    }

    /// What the block summaries say of `word` (a `RankBlocks.word`), block by block.
    package func blockEntries(of word: UInt64, blocks: [Int64: RankBlocks.BlockInfo]) throws -> [RankBlocks.Entry] {
        guard let rows = try summaryRows(of: word, columns: "block, stories, postings") else { return [] }
        return rows.compactMap { row in
            let block: Int64 = row[0]
            guard let averageLength = blocks[block]?.averageLength else { return nil }
            return RankBlocks.decode(block: block, stories: row[1], postings: row[2], averageLength: averageLength)
        }
    }

    /// How many stories of each summarized block hold `word` (a `RankBlocks.word`), for the
    /// blocks where it is in enough of them to be summarized; nil for an index without summaries.
    package func blockCounts(of word: UInt64) throws -> [Int64: Int]? {
        guard let rows = try summaryRows(of: word, columns: "block, stories") else { return nil }
        var counts: [Int64: Int] = [:]
        for row in rows { counts[row[0]] = row[1] }
        return counts
    }

    /// The summary rows of `word`, in block order: one lookup a span of blocks
    /// (`RankBlocks.span`). An index not migrated yet keeps them by word alone (`term_block`,
    /// schema v5), one index with none (nil).
    private func summaryRows(of word: UInt64, columns: String) throws -> [Row]? {
        let term = Int64(bitPattern: word)
        if try db.tableExists("term_summary") {
            let lastBlock = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(block) FROM rank_block")) ?? -1
            guard lastBlock >= 0 else { return [] }
            let statement = try db.cachedStatement(
                sql: """
                    SELECT \(columns) FROM term_summary
                    WHERE span IN (SELECT value FROM json_each(?)) AND term = ? ORDER BY block
                    """)
            let spans = JSONArray.integers(Array(0...RankBlocks.span(of: lastBlock)))
            return try Row.fetchAll(statement, arguments: [spans, term])
        }
        guard try db.tableExists("term_block") else { return nil }
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM term_block WHERE term = ? ORDER BY block")
        return try Row.fetchAll(statement, arguments: [term])
    }

    /// The words of `text` as the full-text tokenizer splits it.
    package func words(of text: String) throws -> [UInt64] {
        try RankBlocks.words(of: text, db)
    }

    /// The stories matching `expression` with a sighting passing `filter` (and with ids in
    /// `range`, when given), scored by bm25 with the given phrase idfs and average length:
    /// the best `limit` of them, best first (ties: lower id), or all of them.
    package func rankedStories(
        matching expression: String, idf: [Double], averageLength: Double, limit: Int? = nil,
        filter: SightingFilter, ids range: Range<Int64>? = nil
    ) throws -> [(story: Int64, rank: Double)] {
        var sql = """
            SELECT rowid, h20q_rank(story_fts, :idf, :averageLength) AS score FROM story_fts
            WHERE story_fts MATCH :expression
            """
        var arguments =
            filter.arguments + ["idf": Self.idfData(idf), "averageLength": averageLength, "expression": expression]
        if let range {
            sql += " AND rowid >= :low AND rowid < :high"
            arguments += ["low": range.lowerBound, "high": range.upperBound]
        }
        if !filter.isEmpty {
            sql += " AND EXISTS (SELECT 1 FROM sighting g WHERE g.story = story_fts.rowid AND \(SightingFilter.sql))"
        }
        if let limit {
            sql += " ORDER BY score, rowid LIMIT :limit"
            arguments += ["limit": limit]
        }
        return try Row.fetchAll(try db.cachedStatement(sql: sql), arguments: arguments).map { ($0[0], $0[1]) }
    }

    static func idfData(_ idf: [Double]) -> Data {
        var data = Data(capacity: idf.count * 8)
        for value in idf { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// `INDEXED BY` the index of story clusters, where the index has it: SQLite would read the
    /// story's row, text and all, for its cluster.
    /// (GRDB keeps a connection's schema, so asking costs no query once known.)
    func labelIndex() throws -> String {
        try db.indexes(on: "story").contains { $0.name == "story_label" } ? " INDEXED BY story_label" : ""
    }

    /// The highest story id (0 for none).
    package func lastStoryID() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(id) FROM story") ?? 0
    }

    /// The sightings of each of `stories` passing `filter`, earliest first, with the story's
    /// cluster label, in one statement; a story none of whose sightings passes (or that is
    /// gone) is missing from the answer.
    package func passingSightings(
        of stories: [Int64], filter: SightingFilter
    ) throws -> [Int64: (cluster: Int64, ids: [String])] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT s.id, g.id, COALESCE(s.cluster, s.id) FROM story s\(try labelIndex()) JOIN sighting g ON g.story = s.id
                WHERE s.id IN (SELECT value FROM json_each(:stories)) AND \(SightingFilter.sql)
                ORDER BY s.id, g.published IS NULL, g.published, g.id
                """)
        var found: [Int64: (cluster: Int64, ids: [String])] = [:]
        let rows = try Row.fetchCursor(
            statement, arguments: filter.arguments + ["stories": JSONArray.integers(stories)])
        while let row = try rows.next() {
            let story: Int64 = row[0]
            found[story, default: (row[2], [])].ids.append(row[1])
        }
        return found
    }

    /// Groups (clusters, or sightings when `byCluster` is false) with a sighting passing
    /// `filter` among the stories matching `expression` (with ids in `range`, when given).
    package func matchingGroupCount(
        _ expression: String, ids range: Range<Int64>? = nil, filter: SightingFilter, byCluster: Bool
    ) throws -> Int {
        let label = try labelIndex()
        let inRange = range == nil ? "" : "AND story_fts.rowid >= :low AND story_fts.rowid < :high"
        // Without a filter, a cluster is counted from the index of labels alone.
        let sql =
            filter.isEmpty && byCluster
            ? """
            SELECT count(DISTINCT COALESCE(s.cluster, s.id))
            FROM story_fts CROSS JOIN story s\(label) ON s.id = story_fts.rowid
            WHERE story_fts MATCH :expression \(inRange)
            """
            : """
            SELECT count(DISTINCT \(byCluster ? "COALESCE(s.cluster, s.id)" : "g.id"))
            FROM story_fts CROSS JOIN story s\(label) ON s.id = story_fts.rowid CROSS JOIN sighting g ON g.story = s.id
            WHERE story_fts MATCH :expression \(inRange) AND \(SightingFilter.sql)
            """
        var arguments = filter.arguments + ["expression": expression]
        if let range { arguments += ["low": range.lowerBound, "high": range.upperBound] }
        return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
    }

    /// Among the stories with ids in `range` matching `expression`: how many there are (or how
    /// many match `counted` instead, when given), and the groups with a sighting passing
    /// `filter` (as `matchingGroupCount` counts them): a sample to estimate a total from. One
    /// statement, prepared once per connection: an estimate takes sixteen of them.
    package func groupSample(
        matching expression: String, counting counted: String? = nil, ids range: Range<Int64>, filter: SightingFilter,
        byCluster: Bool
    ) throws -> (matches: Int, groups: Int) {
        let passing = SightingFilter.passingSightingOfStory
        let groups =
            switch (filter.isEmpty, byCluster) {
            case (true, true): "count(DISTINCT COALESCE(s.cluster, s.id))"
            case (false, true): "count(DISTINCT CASE WHEN EXISTS (\(passing)) THEN COALESCE(s.cluster, s.id) END)"
            case (_, false): "coalesce(sum((SELECT count(*) FROM (\(passing)))), 0)"
            }
        // Every story in the full-text index has its row in `story`: count(*) counts matches.
        let matches =
            counted == nil
            ? "count(*)"
            : """
            (SELECT count(*) FROM story_fts c WHERE c.story_fts MATCH :counted AND c.rowid >= :low AND c.rowid < :high)
            """
        let statement = try db.cachedStatement(
            sql: """
                SELECT \(matches), \(groups)
                FROM story_fts CROSS JOIN story s\(try labelIndex()) ON s.id = story_fts.rowid
                WHERE story_fts MATCH :expression AND story_fts.rowid >= :low AND story_fts.rowid < :high
                """)
        var arguments: StatementArguments =
            (filter.isEmpty && byCluster ? [:] : filter.arguments)
            + ["expression": expression, "low": range.lowerBound, "high": range.upperBound]
        if let counted { arguments += ["counted": counted] }
        guard let row = try Row.fetchOne(statement, arguments: arguments) else { return (0, 0) }
        return (row[0], row[1])
    }

    /// The ids of the stories matching `expression`, in order.
    package func matchingIDs(_ expression: String) throws -> [Int64] {
        let statement = try db.cachedStatement(sql: "SELECT rowid FROM story_fts WHERE story_fts MATCH ?")
        try statement.setArguments([expression])
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var ids: [Int64] = []
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE { return ids }
            guard status == SQLITE_ROW else { throw DatabaseError(status, handle) }
            ids.append(sqlite3_column_int64(handle, 0))
        }
    }

    /// Among `stories`, the groups with a sighting passing `filter`, counted as
    /// `matchingGroupCount` counts them: clusters (a story alone its own), or sightings.
    package func groupCount(of stories: some Collection<Int64>, filter: SightingFilter, byCluster: Bool) throws -> Int {
        try groupCounts(of: [Array(stories)], filter: filter, byCluster: byCluster)[0]
    }

    /// `groupCount` of each list of `lists`, in one statement.
    package func groupCounts(of lists: [[Int64]], filter: SightingFilter, byCluster: Bool) throws -> [Int] {
        var counts = Array(repeating: 0, count: lists.count)
        guard lists.contains(where: { !$0.isEmpty }) else { return counts }
        let passing = SightingFilter.passingSightingOfStory
        // Per story: its group, and how many groups it adds (a passing sighting, or each one).
        let passes =
            switch (filter.isEmpty, byCluster) {
            case (true, true): "1"
            case (false, true): "EXISTS (\(passing))"
            case (_, false): "(SELECT count(*) FROM (\(passing)))"
            }
        let statement = try db.cachedStatement(
            sql: """
                SELECT s.id, COALESCE(s.cluster, s.id), \(passes) FROM story s\(try labelIndex())
                WHERE s.id IN (SELECT value FROM json_each(:ids))
                """)
        let arguments: StatementArguments =
            (filter.isEmpty && byCluster ? [:] : filter.arguments) + ["ids": JSONArray.integers(lists.joined())]
        var stories: [Int64: (group: Int64, passing: Int)] = [:]
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() { stories[row[0]] = (row[1], row[2]) }
        for (index, list) in lists.enumerated() {
            if byCluster {
                var groups = Set<Int64>()
                for story in list { if let found = stories[story], found.passing > 0 { groups.insert(found.group) } }
                counts[index] = groups.count
            } else {
                counts[index] = list.reduce(0) { $0 + (stories[$1]?.passing ?? 0) }
            }
        }
        return counts
    }

    /// The shingles two stories share, when they were found to be the same story.
    package func sharedShingles(_ a: Int64, _ b: Int64) throws -> (shared: Int, sizes: (Int, Int))? {
        let statement = try db.cachedStatement(
            sql: """
                SELECT p.shared, x.shingle_count, y.shingle_count FROM story_pair p
                JOIN story x\(try labelIndex()) ON x.id = p.a JOIN story y\(try labelIndex()) ON y.id = p.b
                WHERE p.a = ? AND p.b = ?
                """)
        return try Row.fetchOne(statement, arguments: [min(a, b), max(a, b)]).map { ($0[0], ($0[1], $0[2])) }
    }
}

extension StoreReader {
    /// Runs `body` with `h20q_rank` taking stories' lengths from memory (`StoryLengths`) when
    /// this connection has them for this snapshot or loads them now.
    package func usingStoryLengths<T>(_ body: () throws -> T) throws -> T {
        guard let lengths = RankContext.of(db)?.lengths, try lengths.begin(db) else { return try body() }
        defer { lengths.end() }
        return try body()
    }

    /// Runs `body` and returns with its value the ids of the stories `h20q_rank` scored
    /// meanwhile, ascending; nil on a connection that cannot collect them (the writer's), or
    /// if they came out of order.
    package func collectingMatches<T>(_ body: () throws -> T) throws -> (value: T, ids: [Int64]?) {
        guard let context = RankContext.of(db) else { return (try body(), nil) }
        return try context.collecting(body)
    }
}
