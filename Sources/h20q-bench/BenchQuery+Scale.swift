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

    /// The same classes over `h20q-bench generate` (seed 1, as `Scripts/bench-query` makes
    /// it): common English words, and made-up words of the generator's vocabulary by their
    /// frequency rank (0 the most frequent of 60,000).
    static var generatedScale: [BenchQuery] {
        let language = WireLanguage(seed: 1)
        func word(_ rank: Int) -> String { language.word(rank: rank) }
        return [
            BenchQuery("common word", "said"),
            BenchQuery("common word", "government"),
            BenchQuery("common word", word(0)),
            BenchQuery("common word", word(1)),
            BenchQuery("common word", word(3)),
            BenchQuery("rare word", word(20_000)),
            BenchQuery("rare word", word(40_000)),
            BenchQuery("rare word", word(59_000)),
            BenchQuery("two words", "minister \(word(10))"),
            BenchQuery("two words", "\(word(50)) \(word(300))"),
            BenchQuery("three words", "said \(word(40)) \(word(200))"),
            BenchQuery("three words", "\(word(10)) \(word(100)) \(word(1_000))"),
            BenchQuery("phrase", "\"of the\""),
            BenchQuery("phrase", "\"said the\""),
            BenchQuery("prefix", String(word(5).prefix(3)) + "*"),
            BenchQuery("prefix", String(word(700).prefix(4)) + "*"),
            BenchQuery("OR", "\(word(500)) OR \(word(900))"),
            BenchQuery("OR", "\(word(1_000)) OR \(word(2_000)) OR \(word(3_000))"),
            BenchQuery("NOT", "\(word(10)) NOT \(word(11))"),
            BenchQuery("NOT", "said NOT government"),
        ]
    }

    /// This search with a source filter, and its class named after it.
    func filtered(source: String) -> BenchQuery {
        BenchQuery(kind + " --source", query, source: source)
    }

    /// This search with a date filter, and its class named after it.
    func filtered(since: String) -> BenchQuery {
        BenchQuery(kind + " --since", query, since: since)
    }
}
