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
        return message.hasPrefix("fts5:") || message.hasPrefix("no such column") || message.hasPrefix("unknown special query")
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

    func run(_ db: Database) throws -> SearchResults {
        let grouping = request.foldsDuplicates ? "COALESCE(s.cluster, s.id)" : "g.id"
        // Every match is ranked; each group keeps its best-ranked sighting (ties: earliest).
        let sql = """
            WITH matched AS (
                SELECT rowid AS story, bm25(story_fts, \(StoryStore.titleWeight), 1.0) AS rank
                FROM story_fts WHERE story_fts MATCH :expression
            ),
            candidates AS (
                SELECT m.story, m.rank, g.id, g.published, \(grouping) AS grp
                FROM matched m JOIN story s ON s.id = m.story JOIN sighting g ON g.story = m.story
                WHERE (:source IS NULL OR g.source = :source COLLATE NOCASE)
                  AND (:since IS NULL OR g.published >= :since)
                  AND (:until IS NULL OR g.published < :until)
            ),
            ranked AS (
                SELECT *, row_number() OVER (
                    PARTITION BY grp ORDER BY rank, published IS NULL, published, id) AS position
                FROM candidates
            )
            SELECT story, id, rank, grp, count(*) OVER () AS total FROM ranked WHERE position = 1
            ORDER BY rank, published IS NULL, published, id
            LIMIT :limit OFFSET :offset
            """
        let rows = try Row.fetchAll(
            db, sql: sql,
            arguments: [
                "expression": expression, "source": request.source, "since": request.since?.text,
                "until": request.until?.text, "limit": request.limit, "offset": request.offset,
            ])
        var total = rows.first.map { $0["total"] as Int } ?? 0
        if rows.isEmpty && request.offset > 0 {
            total = try countOnly(db)
        }
        let hits = try rows.map { row in
            try hit(story: row["story"], sightingID: row["id"], rank: row["rank"], db)
        }
        return SearchResults(query: request.query, total: total, hits: hits)
    }

    /// Total hits when the page is past the end.
    private func countOnly(_ db: Database) throws -> Int {
        var copy = request
        copy.offset = 0
        copy.limit = 1
        return try Search(expression: expression, request: copy, similarity: similarity).run(db).total
    }

    private func hit(story: Int64, sightingID: String, rank: Double, _ db: Database) throws -> SearchHit {
        let mark = "char(2), char(3)"
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT s.title, snippet(story_fts, 1, \(mark), '…', 24) AS snippet, g.source, g.url, g.published
                FROM story_fts JOIN story s ON s.id = story_fts.rowid JOIN sighting g ON g.id = :sighting
                WHERE story_fts MATCH :expression AND story_fts.rowid = :story
                """,
            arguments: ["expression": expression, "story": story, "sighting": sightingID])!
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
