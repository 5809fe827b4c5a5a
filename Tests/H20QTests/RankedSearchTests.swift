import Foundation
import GRDB
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

/// The ranked search (`RankedPage`, block summaries) against FTS5's own bm25 over every match.
@Suite(.serialized)
struct RankedSearchTests {
    /// Stories over more than two blocks of `RankBlocks.size`, with Zipf-like words (a few
    /// in most stories), copies that cluster, three sources and dates over three months.
    static func corpus(stories: Int, seed: UInt64) -> [IncomingStory] {
        var random = SeededGenerator(seed: seed)
        let vocabulary = 3_000
        var cumulative: [Double] = []
        var sum = 0.0
        for rank in 1...vocabulary {
            sum += 1 / Double(rank)
            cumulative.append(sum)
        }
        func word() -> String {
            let target = Double(random.next() % 1_000_000) / 1_000_000 * sum
            let index = cumulative.firstIndex { $0 >= target } ?? vocabulary - 1
            return "w\(index)"
        }
        func text(_ count: Int) -> String { (0..<count).map { _ in word() }.joined(separator: " ") }
        let sources = ["Wire", "Daily", "Desk"]
        var result: [IncomingStory] = []
        for n in 0..<stories {
            let published = String(format: "2025-%02d-%02d", 6 + n % 3, 1 + n % 28)
            let source = sources[n % 3]
            if n % 10 == 9, let last = result.last {
                // A republication: the same words under another headline.
                result.append(story("s\(n)", text(6), last.body, source: source, published: published))
            } else {
                result.append(
                    story(
                        "s\(n)", text(4 + random.next(below: 6)), n % 17 == 0 ? "" : text(20 + random.next(below: 60)),
                        source: source, published: published))
            }
        }
        return result
    }

    static func ingest(_ stories: [IncomingStory], into index: TestIndex) throws {
        let fingerprinter = Fingerprinter(parameters: index.store.parameters)
        for start in stride(from: 0, to: stories.count, by: 500) {
            _ = try index.store.ingest(
                stories[start..<min(start + 500, stories.count)].map {
                    AnalyzedStory(story: $0, fingerprint: fingerprinter.fingerprint(title: $0.title, body: $0.body))
                })
        }
    }

    static let requests: [SearchRequest] = [
        SearchRequest(query: "w0"),
        SearchRequest(query: "w1", limit: 25),
        SearchRequest(query: "w2", offset: 40),
        SearchRequest(query: "w3", foldsDuplicates: false),
        SearchRequest(query: "w0", source: "daily"),
        SearchRequest(query: "w1", since: PublishedDate("2025-08-01")),
        SearchRequest(query: "w4 w5"),
        SearchRequest(query: "\"w0 w1\""),
        SearchRequest(query: "w1*"),
        SearchRequest(query: "w6 OR w7"),
        SearchRequest(query: "w0 NOT w1"),
        SearchRequest(query: "w1 NOT w0 NOT w5", offset: 5),
        SearchRequest(query: "w0 NOT w2", source: "desk", foldsDuplicates: false),
        SearchRequest(query: "w2 NOT \"w0 w1\"", since: PublishedDate("2025-07-10")),
        SearchRequest(query: "title:w0"),
        SearchRequest(query: "w250"),
        SearchRequest(query: "w0", source: "nobody"),
        SearchRequest(query: "w0", since: PublishedDate("2025-08-27")),
        SearchRequest(query: "w0 w1", source: "DESK", since: PublishedDate("2025-08-20")),
        // A filter most of the best matches pass, one few pass, one none passes.
        SearchRequest(query: "w1 w2", limit: 30, source: "daily"),
        SearchRequest(query: "w3 OR w4", limit: 20, source: "wire", since: PublishedDate("2025-08-27")),
        SearchRequest(query: "w1 w2", source: "nobody"),
    ]

    /// Every request, both ways; forced onto the block path too (whole scoring below 0 matches).
    static func expectSameAnswers(_ store: StoryStore) throws {
        for request in requests {
            let exhaustive = try store.search(request, plan: .exhaustive)
            for plan in [SearchPlan.ranked(), .ranked(scoringWhole: 0)] {
                let ranked = try store.search(request, plan: plan)
                #expect(ranked.hits == exhaustive.hits, "\(request.query) \(plan)")
                if ranked.totalIsEstimate {
                    #expect(Double(abs(ranked.total - exhaustive.total)) <= 0.35 * Double(exhaustive.total))
                } else {
                    #expect(ranked.total == exhaustive.total, "\(request.query) \(plan)")
                }
            }
        }
    }

    /// Whether one of a match's sightings passes a filter is read from the story index
    /// alone (schema v6), not from each sighting's row.
    @Test func aFilterIsAnsweredFromTheStoryIndex() throws {
        let index = try TestIndex()
        _ = try index.ingest([story("a", "Licences", "Chip licences widened.", source: "Wire")])
        let plan = try index.store.reading("plan") { reader in
            try Row.fetchAll(
                reader.db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT rowid FROM story_fts WHERE story_fts MATCH 'chip'
                    AND EXISTS (SELECT 1 FROM sighting g WHERE g.story = story_fts.rowid AND \(StoreReader.SightingFilter.sql))
                    """,
                arguments: StoreReader.SightingFilter(source: "wire", since: nil, until: nil).arguments
            ).map { $0["detail"] as String }.joined(separator: "\n")
        }
        #expect(plan.contains("USING COVERING INDEX sighting_by_story"), "\(plan)")
    }

    @Test func agreesWithExhaustiveBM25AcrossBlocks() throws {
        let index = try TestIndex()
        try Self.ingest(Self.corpus(stories: 5_000, seed: 11), into: index)
        let summarized = try index.store.reading("") {
            try $0.summarizedBlocks(filter: .init(source: nil, since: nil, until: nil))
        }
        #expect(summarized.count == 2)
        // Common words leave the whole-scoring path and are estimated, flagged.
        let common = try index.store.search(SearchRequest(query: "w0"))
        #expect(common.totalIsEstimate)
        #expect(try !index.store.search(SearchRequest(query: "w250")).totalIsEstimate)
        try Self.expectSameAnswers(index.store)
    }

    /// An estimate's sample counts, per slice of ids, what the two exact counts count, whether
    /// it is taken from FTS5 over the slice or from the ids of all matches.
    @Test func aSampleCountsAsTheExactCountsDo() throws {
        let index = try TestIndex()
        try Self.ingest(Self.corpus(stories: 600, seed: 13), into: index)
        let filters = [
            StoreReader.SightingFilter(source: nil, since: nil, until: nil),
            .init(source: "daily", since: nil, until: nil),
            .init(source: nil, since: PublishedDate("2025-07-01"), until: PublishedDate("2025-08-15")),
        ]
        var nonEmpty = 0
        try index.store.reading("sample") { reader in
            for expression in ["w0", "w1 w2", "\"w0 w1\"", "w3 OR w40"] {
                for filter in filters {
                    for byCluster in [true, false] {
                        for ids in [Int64(0)..<100, 50..<400, 300..<10_000] {
                            let sample = try reader.groupSample(
                                matching: expression, ids: ids, filter: filter, byCluster: byCluster)
                            #expect(sample.matches == (try reader.matchCount(expression, ids: ids)))
                            #expect(
                                sample.groups
                                    == (try reader.matchingGroupCount(
                                        expression, ids: ids, filter: filter, byCluster: byCluster)),
                                "\(expression) \(filter) \(byCluster) \(ids)")
                            // Matches of another expression counted instead (a word with others excluded).
                            let counting = try reader.groupSample(
                                matching: expression, counting: "w5", ids: ids, filter: filter, byCluster: byCluster)
                            #expect(counting.matches == (try reader.matchCount("w5", ids: ids)))
                            #expect(counting.groups == sample.groups)
                            // The same count from the matches' ids, as a query of several words takes it.
                            let inRange = try reader.matchingIDs(expression).filter { ids.contains($0) }
                            #expect(inRange.count == sample.matches)
                            #expect(
                                try reader.groupCount(of: inRange, filter: filter, byCluster: byCluster)
                                    == sample.groups)
                            if sample.groups > 0 && sample.groups < sample.matches { nonEmpty += 1 }
                        }
                    }
                }
            }
        }
        // The cases must include samples where groups and matches differ.
        #expect(nonEmpty > 20)
    }

    /// A reading connection's lengths in memory (`StoryLengths`, from its second ranked search
    /// on) score every match as FTS5's own lengths do, before and after a commit changes them.
    @Test func storyLengthsInMemoryScoreAsFTS5sLengths() throws {
        let index = try TestIndex()
        let stories = Self.corpus(stories: 1_200, seed: 14)
        try Self.ingest(stories, into: index)
        func expectSameScores() throws {
            try index.store.reading("lengths") { reader in
                let totals = try reader.fullTextTotals()
                let unfiltered = StoreReader.SightingFilter(source: nil, since: nil, until: nil)
                for expression in ["\"w0\" OR \"w1\" OR \"w7\"", "\"w2\" AND \"w3\""] {
                    let idf = Array(repeating: 1.25, count: QueryPhrases.parse(expression).count)
                    let fromFTS5 = try reader.rankedStories(
                        matching: expression, idf: idf, averageLength: totals.averageLength, filter: unfiltered)
                    _ = try reader.usingStoryLengths { 0 }
                    let fromMemory = try reader.usingStoryLengths {
                        #expect(RankContext.of(reader.db)?.lengths.isInUse == true)
                        return try reader.rankedStories(
                            matching: expression, idf: idf, averageLength: totals.averageLength, filter: unfiltered)
                    }
                    #expect(fromFTS5.count > 300)
                    #expect(fromMemory.map(\.story) == fromFTS5.map(\.story))
                    #expect(fromMemory.map(\.rank) == fromFTS5.map(\.rank))
                }
                #expect(RankContext.of(reader.db)?.lengths.isInUse == false)
            }
        }
        try expectSameScores()
        // New stories, a longer wording of one, removals: the table is loaded again.
        try Self.ingest(Self.corpus(stories: 300, seed: 15).map { story("n-\($0.id)", $0.title, $0.body) }, into: index)
        try index.ingest([story(stories[7].id, stories[7].title, stories[7].body + " w0 w0 w1")])
        _ = try index.store.remove(stride(from: 0, to: 1_200, by: 9).map { "s\($0)" })
        try expectSameScores()
    }

    /// The ranking pass over every match notes each match's id once, in order: the ids a
    /// search of several words takes its count and total's sample from.
    @Test func aRankingPassCollectsEveryMatch() throws {
        let index = try TestIndex()
        try Self.ingest(Self.corpus(stories: 800, seed: 16), into: index)
        try index.store.reading("collect") { reader in
            let totals = try reader.fullTextTotals()
            let unfiltered = StoreReader.SightingFilter(source: nil, since: nil, until: nil)
            for expression in ["\"w0\" AND \"w1\"", "\"w2\" OR \"w9\" OR \"w40\"", "\"w3\" NOT \"w200\""] {
                let idf = Array(repeating: 1.0, count: QueryPhrases.parse(expression).count)
                let (top, ids) = try reader.collectingMatches {
                    try reader.rankedStories(
                        matching: expression, idf: idf, averageLength: totals.averageLength, limit: 10,
                        filter: unfiltered)
                }
                let all = try reader.matchingIDs(expression)
                #expect(top.count == 10)
                #expect(all.count > 50)
                #expect(ids == all, "\(expression)")
            }
            // Not collecting: nothing is noted.
            #expect(try reader.collectingMatches { 0 }.ids == [])
        }
    }

    /// Passing sightings looked up for many stories at once: each story's sightings that pass
    /// the filter (source without case, dates from `since`), earliest first (undated last),
    /// with its cluster label, worked out here from the tables.
    @Test func passingSightingsOfManyStoriesAtOnce() throws {
        let index = try TestIndex()
        let corpus = Self.corpus(stories: 400, seed: 17)
        try Self.ingest(corpus, into: index)
        // Exact copies: more sightings of a story, from other sources, earlier, later, undated.
        for (number, original) in corpus.enumerated() where number % 23 == 0 {
            for (copy, published) in ["2025-05-02", nil, "2025-09-30"].enumerated() {
                try index.ingest([
                    story(
                        "copy-\(number)-\(copy)", original.title, original.body, source: copy == 1 ? "Desk" : "desk",
                        published: published)
                ])
            }
        }
        try index.store.reading("sightings") { reader in
            let stories = Array(Int64(0)...Int64(420))
            let rows = try Row.fetchAll(
                reader.db,
                sql:
                    "SELECT s.id, coalesce(s.cluster, s.id), g.id, g.source, g.published FROM story s JOIN sighting g ON g.story = s.id"
            )
            for (source, since) in [(nil, nil), ("DESK", "2025-07-01")] as [(String?, String?)] {
                var expected: [Int64: (cluster: Int64, sightings: [(id: String, published: String?)])] = [:]
                for row in rows {
                    let rowSource: String? = row[3]
                    let published: String? = row[4]
                    if let source, rowSource?.lowercased() != source.lowercased() { continue }
                    if let since, (published ?? "") < since || published == nil { continue }
                    expected[row[0], default: (row[1], [])].sightings.append((row[2], published))
                }
                let found = try reader.passingSightings(
                    of: stories,
                    filter: .init(source: source, since: since.flatMap { PublishedDate($0) }, until: nil))
                #expect(Set(found.keys) == Set(expected.keys))
                for (story, want) in expected {
                    let order = want.sightings.sorted { a, b in
                        switch (a.published, b.published) {
                        case (nil, nil): a.id < b.id
                        case (nil, _): false
                        case (_, nil): true
                        case (let x?, let y?): x != y ? x < y : a.id < b.id
                        }
                    }
                    #expect(found[story]?.cluster == want.cluster)
                    #expect(found[story]?.ids == order.map(\.id), "story \(story)")
                }
                #expect(expected.count > 50 && expected.count < 400 || source == nil)
            }
        }
    }

    /// A filter that rules out whole blocks (a `--since` after the oldest stories): a word's
    /// estimated total samples only the blocks that may pass, and comes near the exact count.
    @Test func anEstimateUnderAFilterSamplesTheBlocksThatMayPass() throws {
        let index = try TestIndex()
        // Dates rise with the ids, a day every hundred stories.
        let stories = Self.corpus(stories: 7_000, seed: 18).enumerated().map { number, incoming in
            let day = Calendar(identifier: .gregorian).date(
                byAdding: .day, value: number / 100, to: Date(timeIntervalSince1970: 1_735_689_600))!
            return story(
                incoming.id, incoming.title, incoming.body, source: incoming.source,
                published: ISO8601DateFormatter().string(from: day))
        }
        try Self.ingest(stories, into: index)
        for query in ["w0", "w1 NOT w7"] {
            let request = SearchRequest(query: query, since: PublishedDate("2025-02-20"))
            let exact = try index.store.search(request, plan: .exhaustive)
            let ranked = try index.store.search(request, plan: .ranked(scoringWhole: 0))
            #expect(ranked.hits == exact.hits, "\(query)")
            #expect(ranked.totalIsEstimate)
            #expect(exact.total > 500)
            #expect(
                Double(abs(ranked.total - exact.total)) <= 0.05 * Double(exact.total),
                "\(query): \(ranked.total) for \(exact.total)")
        }
    }

    @Test func staysExactAfterRemovalsAndNewWording() throws {
        let index = try TestIndex()
        let stories = Self.corpus(stories: 4_600, seed: 12)
        try Self.ingest(stories, into: index)
        // Take out stories across both summarized blocks, and give one a new wording.
        _ = try index.store.remove(stride(from: 3, to: 4_600, by: 7).map { "s\($0)" })
        let reworded = stories[1_001]
        try index.ingest([
            story(
                reworded.id, reworded.title.uppercased(), reworded.body.uppercased(), source: reworded.source,
                published: reworded.published?.text)
        ])
        try Self.expectSameAnswers(index.store)

        // An exact copy from a new source, dated later, lands on a story of a summarized block:
        // the block's sources and dates take it in, and filtered searches find it.
        let original = stories[5]
        try index.ingest([
            story("late-copy", original.title, original.body, source: "Latecomer", published: "2026-01-05")
        ])
        let word = String(original.body.split(separator: " ")[0])
        for request in [
            SearchRequest(query: word, source: "latecomer"),
            SearchRequest(query: word, since: PublishedDate("2026-01-01")),
        ] {
            let exhaustive = try index.store.search(request, plan: .exhaustive)
            #expect(exhaustive.hits.map(\.id) == ["late-copy"])
            for plan in [SearchPlan.ranked(), .ranked(scoringWhole: 0)] {
                #expect(try index.store.search(request, plan: plan).hits == exhaustive.hits)
            }
            // Two words: ranked in one pass, over the blocks that may pass only.
            let twoWords = SearchRequest(
                query: word + " " + String(original.body.split(separator: " ")[1]), since: request.since)
            #expect(
                try index.store.search(twoWords, plan: .ranked()).hits
                    == index.store.search(twoWords, plan: .exhaustive).hits)
        }
    }

    @Test func findsThePhrasesOfAnExpressionInFTS5Order() {
        let phrases = QueryPhrases.parse(#""oil" AND title : ( "opec" OR "out""put" * ) AND NEAR("a" "b", 5)"#)
        #expect(
            phrases == [
                .init(text: "oil", isPrefix: false, columns: []),
                .init(text: "opec", isPrefix: false, columns: ["title"]),
                .init(text: "out\"put", isPrefix: true, columns: ["title"]),
                .init(text: "a", isPrefix: false, columns: []),
                .init(text: "b", isPrefix: false, columns: []),
            ])
        #expect(phrases[2].expression == #"title : ( "out""put" * )"#)
        #expect(QueryPhrases.parse(#"body : "x y" OR "z""#).map(\.columns) == [["body"], []])
    }
}
