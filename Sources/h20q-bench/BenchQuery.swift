import H20QServer

/// A search of the query benchmark: its class (how the results are grouped), the query as a
/// person types it, and the filters.
///
///     BenchQuery("two words", "oil prices", since: "1987-03-15")
struct BenchQuery: Sendable {
    var kind: String
    var query: String
    var source: String?
    var since: String?

    init(_ kind: String, _ query: String, source: String? = nil, since: String? = nil) {
        self.kind = kind
        self.query = query
        self.source = source
        self.since = since
    }

    /// The daemon's request target for this search.
    var target: String {
        var target = "/v1/search?q=" + DaemonClient.encode(query)
        if let source { target += "&source=" + DaemonClient.encode(source) }
        if let since { target += "&since=" + DaemonClient.encode(since) }
        return target
    }

    /// Searches over the Reuters dev corpus (10,944 stories, nearly all from March 1987) as
    /// people run them: words in most stories and in a few dozen, two and three words, phrases,
    /// prefixes, OR, and the same with a source or a date filter. Document frequencies in the
    /// corpus: said 8,193, net 1,772, bank 1,587, oil 768, wheat 189, coffee 106, cocoa 50,
    /// tin 28, sorghum 21.
    static let reuters: [BenchQuery] = [
        BenchQuery("common word", "said"),
        BenchQuery("common word", "bank"),
        BenchQuery("common word", "net"),
        BenchQuery("common word", "shares"),
        BenchQuery("rare word", "sorghum"),
        BenchQuery("rare word", "cocoa"),
        BenchQuery("rare word", "palladium"),
        BenchQuery("rare word", "tin"),
        BenchQuery("two words", "oil prices"),
        BenchQuery("two words", "interest rates"),
        BenchQuery("two words", "coffee quotas"),
        BenchQuery("two words", "dollar yen"),
        BenchQuery("three words", "bank interest rates"),
        BenchQuery("three words", "opec oil output"),
        BenchQuery("three words", "wheat export subsidy"),
        BenchQuery("phrase", "\"trade deficit\""),
        BenchQuery("phrase", "\"federal reserve\""),
        BenchQuery("phrase", "\"net loss\""),
        BenchQuery("prefix", "petro*"),
        BenchQuery("prefix", "export*"),
        BenchQuery("prefix", "coff*"),
        BenchQuery("OR", "wheat OR corn"),
        BenchQuery("OR", "gold OR silver OR platinum"),
        BenchQuery("OR", "rubber OR cocoa"),
        BenchQuery("with --source", "oil prices", source: "reuters"),
        BenchQuery("with --source", "cocoa", source: "Reuters"),
        BenchQuery("with --source", "said", source: "reuters"),
        BenchQuery("with --since", "oil prices", since: "1987-03-15"),
        BenchQuery("with --since", "sorghum", since: "1987-03-01"),
        BenchQuery("with --since", "bank", since: "1987-03-20T12:00:00Z"),
    ]
}
