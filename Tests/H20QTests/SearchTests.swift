import H20QFixtures
import Testing

@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

struct SearchTests {
    let wire = """
        The trade ministry said on Wednesday it would require licences for exports of advanced \
        accelerator chips to a wider list of countries, closing a gap that officials said had let \
        older designs reach restricted buyers. Companies will have thirty days to apply, and \
        existing contracts will be reviewed case by case, the ministry said in a statement.
        """

    func index() throws -> TestIndex {
        let index = try TestIndex()
        try index.ingest([
            story(
                "w1", "Ministry widens chip export licences", wire, source: "Wire", published: "2025-08-13T10:00:00Z"),
            story(
                "r1", "Chip export rules tightened", wire + " A spokesman declined to comment further.",
                source: "Daily", published: "2025-08-13T12:00:00Z"),
            story(
                "c1", "Ministry widens chip export licences", wire, source: "Copy Desk",
                published: "2025-08-14T08:00:00Z"),
            story(
                "u1", "Barges slow on low river", "Grain barges moved slowly after a week of low water, shippers said.",
                source: "Wire", published: "2025-08-12T09:00:00Z"),
            story(
                "h1", "H20 remote shutdown claims denied",
                "The company denied its H20 chips had remote shutdown features, in a U.S. filing.",
                source: "Tech", published: "2025-08-15T09:00:00Z"),
        ])
        return index
    }

    @Test func foldsRepublicationsUnderOneHit() throws {
        let results = try index().store.search(SearchRequest(query: "accelerator licences"))
        #expect(results.total == 1)
        let hit = try #require(results.hits.first)
        #expect(hit.duplicates.count == 2)
        #expect(Set(hit.duplicates.map(\.id) + [hit.id]) == ["w1", "r1", "c1"])
        #expect(hit.duplicates.allSatisfy { $0.similarity >= 0.8 })
        #expect(hit.snippet.contains("**accelerator**"))
        #expect(hit.score > 0)
    }

    @Test func allListsEveryStory() throws {
        let results = try index().store.search(SearchRequest(query: "accelerator", foldsDuplicates: false))
        #expect(results.total == 3)
        #expect(results.hits.allSatisfy { $0.duplicates.isEmpty })
    }

    @Test func titleWordsRankAboveBodyWords() throws {
        let index = try TestIndex()
        try index.ingest([
            story(
                "body", "Quarterly results", "Revenue rose as demand for accelerators grew, the zebrafish company said."
            ),
            story("title", "Zebrafish lab expands", "A research lab doubled its space this week."),
        ])
        #expect(try index.store.search(SearchRequest(query: "zebrafish")).hits.map(\.id) == ["title", "body"])
    }

    @Test func filtersBySourceAndDate() throws {
        let index = try index()
        #expect(try index.store.search(SearchRequest(query: "accelerator", source: "daily")).hits.map(\.id) == ["r1"])
        let since = PublishedDate("2025-08-14")
        #expect(try index.store.search(SearchRequest(query: "accelerator", since: since)).hits.map(\.id) == ["c1"])
        let until = PublishedDate("2025-08-13T11:00:00Z")
        #expect(try index.store.search(SearchRequest(query: "accelerator", until: until)).hits.map(\.id) == ["w1"])
    }

    @Test(arguments: [
        "H20's", "U.S. filing", "remote shutdown", "H20-remote", #""remote shutdown""#, "shut*", "title:H20",
    ])
    func queriesAsPeopleTypeThem(_ query: String) throws {
        #expect(try index().store.search(SearchRequest(query: query)).hits.map(\.id) == ["h1"])
    }

    @Test func pagesThroughHits() throws {
        let index = try index()
        let all = try index.store.search(SearchRequest(query: "said", limit: 10))
        let second = try index.store.search(SearchRequest(query: "said", limit: 1, offset: 1))
        #expect(second.total == all.total)
        #expect(second.hits.map(\.id) == [all.hits[1].id])
        let past = try index.store.search(SearchRequest(query: "said", limit: 5, offset: 50))
        #expect(past.hits.isEmpty && past.total == all.total)
    }

    @Test func aLargeClusterDoesNotCrowdOutOtherHits() throws {
        // 100 versions of one story outrank everything else: the page still lists other stories.
        let index = try TestIndex()
        var generator = TextGenerator(seed: 9)
        let base = "zebra zebra zebra " + generator.text(80)
        try index.ingest((0..<100).map { story("v\($0)", "zebra report", base + " version \($0)") })
        try index.ingest((0..<5).map { story("o\($0)", "other \($0)", "a zebra seen once " + generator.text(60)) })
        let results = try index.store.search(SearchRequest(query: "zebra", limit: 3))
        #expect(results.total == 6)
        #expect(results.hits.count == 3)
        #expect(results.hits[0].duplicates.count == 99)
        #expect(results.hits[1...].allSatisfy { $0.id.hasPrefix("o") })
        let all = try index.store.search(SearchRequest(query: "zebra", limit: 3, offset: 3, foldsDuplicates: false))
        #expect(all.total == 105 && all.hits.count == 3)
    }

    @Test(arguments: [
        ("NOT chips", "invalid query: NOT needs something before it, as in `chips NOT nvidia`"),
        ("?! -- ...", "invalid query: nothing to search for: the query has no words"),
    ])
    func invalidQueriesSayWhy(query: String, message: String) throws {
        let index = try index()
        let error = #expect(throws: SearchError.self) { try index.store.search(SearchRequest(query: query)) }
        #expect(error?.message == message)
    }

    /// What FTS5 refuses reaches people in its own words, never with the SQL around it.
    @Test(arguments: ["chips AND", "\"unterminated", "nosuchcolumn : chips"])
    func fullTextErrorsAreQueryErrors(expression: String) throws {
        let index = try index()
        let error = #expect(throws: StoreError.self) {
            try index.store.reading("test") { try $0.matchCount(expression) }
        }
        #expect(error?.code == .invalidQuery)
        #expect(error.map { !$0.message.contains("SELECT") && !$0.message.contains("MATCH") } == true)
    }
}
