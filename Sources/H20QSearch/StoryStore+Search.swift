import H20QDedup
import H20QStore

extension StoryStore {
    /// Runs a search: bm25-ranked, one hit per cluster unless the request says otherwise.
    public func search(_ request: SearchRequest) throws(SearchError) -> SearchResults {
        try search(request, plan: .ranked())
    }

    /// A search by the given plan: `.exhaustive` ranks every match with FTS5's own bm25, the
    /// reference the ranked plan is checked against.
    package func search(_ request: SearchRequest, plan: SearchPlan) throws(SearchError) -> SearchResults {
        let expression: String
        do {
            expression = try QueryTranslator().translate(request.query)
        } catch {
            throw .query(error)
        }
        let similarity = SimilarityCache(fingerprinter: Fingerprinter(parameters: parameters))
        do {
            return try reading("search failed") { reader in
                try Search(expression: expression, request: request, similarity: similarity, plan: plan).run(reader)
            }
        } catch  where error.code == .invalidQuery {
            throw .query(QueryError(error.message))
        } catch {
            throw .store(error)
        }
    }
}
