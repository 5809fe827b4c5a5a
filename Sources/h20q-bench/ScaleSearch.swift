import GRDB
import H20QSearch
import H20QServer

/// One search of the scale benchmark: the request h20q gets, the FTS5 expression it
/// searches for, and the filter as the reference applies it.
struct ScaleSearch {
    var kind: String
    var request: SearchRequest
    var expression: String
    var source: String?
    /// The stored form of `--since`, as sightings' publication times are compared to it.
    var since: String?

    init(_ query: BenchQuery, offset: Int) throws {
        let dates = try SearchDates.parse(since: query.since, until: nil, names: ("since", "until"))
        kind = query.kind
        request = SearchRequest(query: query.query, offset: offset, source: query.source, since: dates.since)
        expression = try QueryTranslator().translate(query.query)
        source = query.source
        since = dates.since?.text
    }

    /// The query as typed, with its filter and offset.
    var label: String {
        var label = request.query
        if let source { label += " --source \"\(source)\"" }
        if let since { label += " --since \(since)" }
        if request.offset > 0 { label += " --offset \(request.offset)" }
        return label
    }

    /// Bare FTS5's answer: the best 10 stories at the offset, unfolded and unfiltered.
    func bareTop(_ db: Database) throws -> [Int64] {
        try Int64.fetchAll(
            db,
            sql: """
                SELECT rowid FROM story_fts WHERE story_fts MATCH ? ORDER BY bm25(story_fts, 3.0, 1.0)
                LIMIT 10 OFFSET ?
                """,
            arguments: [expression, request.offset])
    }
}
