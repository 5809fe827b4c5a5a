import GRDB

extension StoryStore {
    /// Title weight over body in bm25: a word in the headline says more about a story.
    static let titleWeight = 3.0

    /// Runs a search: bm25-ranked, one hit per cluster unless the request says otherwise.
    public func search(_ request: SearchRequest) throws(SearchError) -> SearchResults {
        let expression: String
        do {
            expression = try QueryTranslator().translate(request.query)
        } catch {
            throw .query(error)
        }
        let similarity = SimilarityCache(fingerprinter: Fingerprinter(parameters: parameters))
        do {
            return try database.read { db in
                try Search(expression: expression, request: request, similarity: similarity).run(db)
            }
        } catch let error as DatabaseError where Self.isQueryError(error) {
            // FTS5 rejects the expression: say why in its words, never the SQL.
            let message = (error.message ?? "invalid query").replacingOccurrences(of: "fts5: ", with: "")
            throw .query(QueryError(message))
        } catch {
            throw .store(StoreError.wrapping(error, doing: "search failed"))
        }
    }
}

extension StoryStore {
    /// Whether SQLite refused the MATCH expression, rather than anything else going wrong.
    static func isQueryError(_ error: DatabaseError) -> Bool {
        guard error.resultCode == .SQLITE_ERROR, let message = error.message else { return false }
        return message.hasPrefix("fts5:") || message.hasPrefix("no such column")
            || message.hasPrefix("unknown special query")
    }
}

/// Why a search failed: the query, or the index.
public enum SearchError: Error, Sendable {
    case query(QueryError)
    case store(StoreError)

    public var message: String {
        switch self {
        case .query(let error): return "invalid query: \(error.message)"
        case .store(let error): return error.message
        }
    }
}

/// One search against one snapshot of the index.
private struct Search {
    let expression: String
    let request: SearchRequest
    let similarity: SimilarityCache

    /// Filters on sightings, shared by the page and the count.
    static let filters = """
        (:source IS NULL OR g.source = :source COLLATE NOCASE)
        AND (:since IS NULL OR g.published >= :since)
        AND (:until IS NULL OR g.published < :until)
        """

    var grouping: String { request.foldsDuplicates ? "COALESCE(s.cluster, s.id)" : "g.id" }

    var arguments: StatementArguments {
        [
            "expression": expression, "source": request.source, "since": request.since?.text,
            "until": request.until?.text,
        ]
    }

    func run(_ db: Database) throws -> SearchResults {
        let page = try page(db)
        let total = try count(db)
        let hits = try page.map { try hit(story: $0.story, sightingID: $0.id, rank: $0.rank, db) }
        return SearchResults(query: request.query, total: total, hits: hits)
    }

    /// The page of hits: groups in order of their best-ranked sighting (ties: earliest).
    ///
    /// Groups come out of the ranked matches in rank order, so the first `offset + limit`
    /// groups met are the page's and only the top of the ranking is joined and folded: a
    /// pool of the best matches, enlarged until it holds enough groups or all matches.
    private func page(_ db: Database) throws -> [(story: Int64, id: String, rank: Double)] {
        let wanted = request.offset + request.limit
        var matches: Int?  // counted only if the first pool falls short
        var pool = max(64, wanted * 4)
        while true {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    WITH top AS (
                        SELECT rowid AS story, bm25(story_fts, \(StoryStore.titleWeight), 1.0) AS rank
                        FROM story_fts WHERE story_fts MATCH :expression ORDER BY rank, rowid LIMIT :pool
                    )
                    SELECT top.story, top.rank, g.id, \(grouping) AS grp
                    FROM top JOIN story s ON s.id = top.story JOIN sighting g ON g.story = top.story
                    WHERE \(Self.filters)
                    ORDER BY top.rank, top.story, g.published IS NULL, g.published, g.id
                    """,
                arguments: arguments + ["pool": pool])
            var seen = Set<DatabaseValue>()
            var groups: [(story: Int64, id: String, rank: Double)] = []
            for row in rows where groups.count < wanted && seen.insert(row["grp"]).inserted {
                groups.append((row["story"], row["id"], row["rank"]))
            }
            if groups.count >= wanted { return Array(groups.dropFirst(request.offset)) }
            if matches == nil {
                matches =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM story_fts WHERE story_fts MATCH :expression",
                        arguments: ["expression": expression]) ?? 0
            }
            if pool >= matches! { return Array(groups.dropFirst(request.offset)) }
            pool *= 4
        }
    }

    /// Groups matching in all: one pass over the matches without ranking them.
    private func count(_ db: Database) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT count(DISTINCT \(grouping))
                FROM story_fts JOIN story s ON s.id = story_fts.rowid JOIN sighting g ON g.story = s.id
                WHERE story_fts MATCH :expression AND \(Self.filters)
                """,
            arguments: arguments) ?? 0
    }

    private func hit(story: Int64, sightingID: String, rank: Double, _ db: Database) throws -> SearchHit {
        let mark = "char(2), char(3)"
        // A story that is only a title (a flash) shows its title with the matches marked.
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT s.title, g.source, g.url, g.published,
                           CASE WHEN s.body = '' THEN highlight(story_fts, 0, \(mark))
                                ELSE snippet(story_fts, 1, \(mark), '…', 24) END AS snippet
                    FROM story_fts JOIN story s ON s.id = story_fts.rowid JOIN sighting g ON g.id = :sighting
                    WHERE story_fts MATCH :expression AND story_fts.rowid = :story
                    """,
                arguments: ["expression": expression, "story": story, "sighting": sightingID])
        else {
            throw StoreError(.notFound, "story \(story) vanished during the search")
        }
        let duplicates: [SearchHit.Duplicate]
        if request.foldsDuplicates {
            duplicates = try ClusterMembers.of(story: story, db).filter { $0.id != sightingID }.map { member in
                SearchHit.Duplicate(
                    id: member.id, source: member.source, published: member.published,
                    similarity: try similarity.score(member.story, story, db))
            }
        } else {
            duplicates = []
        }
        return SearchHit(
            id: sightingID, title: row["title"], source: row["source"], url: row["url"],
            published: row["published"], score: -rank,
            snippet: MatchMarks.render(HTMLText.collapse(row["snippet"] ?? "")) { "**\($0)**" },
            duplicates: duplicates)
    }
}
