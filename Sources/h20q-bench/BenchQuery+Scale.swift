extension BenchQuery {
    /// Searches of the scale benchmark over the Reuters corpus grown with reworded copies
    /// (`Scripts/bench-query --scale`), one list per class; each also runs with a source and
    /// with a date filter. Reuters stories holding the word as written (stemming finds more):
    /// said 8,193, year 3,700, company 2,928, bank 1,587, market 1,477, tin 28, sorghum 21,
    /// palladium 4; copies hold about as many, and carry other words into stories at random.
    static let reutersScale: [BenchQuery] = [
        BenchQuery("common word", "said"),
        BenchQuery("common word", "year"),
        BenchQuery("common word", "company"),
        BenchQuery("common word", "bank"),
        BenchQuery("common word", "market"),
        BenchQuery("rare word", "sorghum"),
        BenchQuery("rare word", "palladium"),
        BenchQuery("rare word", "tin"),
        BenchQuery("two words", "oil prices"),
        BenchQuery("two words", "interest rates"),
        BenchQuery("two words", "coffee quotas"),
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
        BenchQuery("NOT", "oil NOT opec"),
        BenchQuery("NOT", "bank NOT interest"),
        BenchQuery("NOT", "said NOT company"),
    ]

    /// The same classes over `h20q-bench generate` (Zipf-distributed words w0...w19999).
    static let generatedScale: [BenchQuery] = [
        BenchQuery("common word", "w0"),
        BenchQuery("common word", "w1"),
        BenchQuery("common word", "w2"),
        BenchQuery("common word", "w5"),
        BenchQuery("common word", "w9"),
        BenchQuery("rare word", "w7000"),
        BenchQuery("rare word", "w15000"),
        BenchQuery("rare word", "w19999"),
        BenchQuery("two words", "w10 w20"),
        BenchQuery("two words", "w50 w300"),
        BenchQuery("three words", "w3 w40 w200"),
        BenchQuery("three words", "w10 w100 w1000"),
        BenchQuery("phrase", "\"w0 w1\""),
        BenchQuery("phrase", "\"w3 w4\""),
        BenchQuery("prefix", "w19*"),
        BenchQuery("prefix", "w777*"),
        BenchQuery("OR", "w500 OR w900"),
        BenchQuery("OR", "w1000 OR w2000 OR w3000"),
        BenchQuery("NOT", "w10 NOT w11"),
        BenchQuery("NOT", "w0 NOT w1"),
    ]

    /// This search with a source filter, and its class named after it.
    func filtered(source: String) -> BenchQuery {
        BenchQuery(kind + " --source", query, source: source)
    }

    /// This search with a date filter, and its class named after it.
    func filtered(since: String) -> BenchQuery {
        BenchQuery(kind + " --since", query, since: since)
    }
}
