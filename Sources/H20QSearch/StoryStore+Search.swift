import H20QDedup
import H20QStore

extension StoryStore {
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
            return try reading("search failed") { reader in
                try Search(expression: expression, request: request, similarity: similarity).run(reader)
            }
        } catch  where error.code == .invalidQuery {
            throw .query(QueryError(error.message))
        } catch {
            throw .store(error)
        }
    }
}
