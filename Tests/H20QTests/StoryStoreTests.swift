import CSQLiteConfig
import Foundation
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

struct StoryStoreTests {
    let body = """
        The trade ministry said on Wednesday it would require licences for exports of advanced \
        accelerator chips to a wider list of countries, closing a gap that officials said had let \
        older designs reach restricted buyers through third countries. Companies will have thirty \
        days to apply, and existing contracts will be reviewed case by case, the ministry said.
        """

    /// With SQLite's memory statistics on, every allocation of every connection takes one
    /// process-wide mutex, and two threads searching at once run at 1.7x one, not 2x.
    @Test func sqliteKeepsNoProcessWideMemoryStatistics() throws {
        let index = try TestIndex()
        _ = try index.ingest([story("a", "Licences", body)])
        _ = try index.store.search(SearchRequest(query: "licences"))
        #expect(sqlite3_memory_used() == 0)
    }

    @Test func exactCopiesBecomeSightingsOfOneStory() throws {
        let index = try TestIndex()
        let outcomes = try index.ingest([
            story("a", "Chip licences widened", body, source: "Wire", published: "2025-08-13T10:00:00Z"),
            story("b", "CHIP LICENCES WIDENED!", body.uppercased(), source: "Daily", published: "2025-08-13T09:00:00Z"),
        ])
        #expect(outcomes.map(\.duplicate) == [nil, .exact])
        let stats = try index.store.stats()
        #expect((stats.sightings, stats.stories, stats.duplicateClusters) == (2, 1, 1))
        let cluster = try #require(index.store.clusters().clusters.first)
        #expect(cluster.canonical == "b", "the earlier sighting is canonical")
        #expect(cluster.members.map(\.similarity) == [1, 1])
        let shown = try #require(try index.store.story(id: "b"))
        #expect(shown.sightings.map(\.id) == ["a"])
        #expect(shown.source == "Daily")
    }

    @Test func ingestingAgainIsUnchangedAndChangedFieldsAreUpdates() throws {
        let index = try TestIndex()
        let original = story("a", "Chip licences widened", body, published: "2025-08-13")
        try index.ingest([original])
        #expect(try index.ingest([original]).map(\.change) == [.unchanged])
        var moved = original
        moved.source = "Other desk"
        #expect(try index.ingest([moved]).map(\.change) == [.updated])
        #expect(try index.store.story(id: "a")?.source == "Other desk")
        #expect(try index.store.stats().sightings == 1)
    }

    @Test func newWordingOfTheSameWordsReplacesTheStoredText() throws {
        let index = try TestIndex()
        try index.ingest([story("a", "chip curbs annouced", "the ministry said so")])
        #expect(
            try index.ingest([story("a", "Chip Curbs Annouced!", "The ministry said so.")]).map(\.change) == [.updated])
        #expect(try index.store.story(id: "a")?.title == "Chip Curbs Annouced!")
        #expect(try index.store.search(SearchRequest(query: "annouced")).hits.map(\.title) == ["Chip Curbs Annouced!"])
        #expect(try index.store.stats().stories == 1)
    }

    /// Exact copies in other wordings: ingesting them again changes nothing, whatever the
    /// order, and the story keeps the wording of the copy it was first read from.
    @Test func reingestingExactCopiesInOtherWordingsWritesNothing() throws {
        let index = try TestIndex()
        let first = story("a", "Chip licences widened", body)
        let copy = story("b", "Chip licences widened!", body.replacingOccurrences(of: ",", with: ""))
        #expect(try index.ingest([first, copy]).map(\.duplicate) == [nil, .exact])
        for _ in 0..<3 {
            #expect(try index.ingest([first, copy]).map(\.change) == [.unchanged, .unchanged])
            #expect(try index.ingest([copy, first]).map(\.change) == [.unchanged, .unchanged])
        }
        let shown = try #require(try index.store.story(id: "b"))
        #expect(shown.title == "Chip licences widened")
        #expect(shown.wording == "a")
        // A copy's new punctuation is its own; the owner's new punctuation is the story's.
        let recopied = story("b", "Chip licences widened?", copy.body)
        #expect(try index.ingest([recopied]).map(\.change) == [.updated])
        #expect(try index.store.story(id: "b")?.title == "Chip licences widened")
        #expect(try index.ingest([recopied]).map(\.change) == [.unchanged])
        let reworded = story("a", "CHIP LICENCES WIDENED", first.body)
        #expect(try index.ingest([reworded]).map(\.change) == [.updated])
        #expect(try index.store.story(id: "b")?.title == "CHIP LICENCES WIDENED")
        // The owner tells another story: the text stays, its wording no longer any id's.
        try index.ingest([story("a", "Something else entirely", "other words here")])
        #expect(try index.store.story(id: "b")?.wording == nil)
        #expect(try index.store.story(id: "b")?.title == "CHIP LICENCES WIDENED")
    }

    @Test func replacingTextMovesTheIdAndRepairsItsCluster() throws {
        let index = try TestIndex()
        let extra = " A spokesman declined to say how many applications were expected this year."
        try index.ingest([
            story("a", "Chip licences widened", body),
            story("b", "Licences widened for chips", body + extra),
        ])
        #expect(try index.clusterSets() == [["a", "b"]])
        let unrelated = "Grain barges moved slowly on the river after a week of low water, shippers said on Monday."
        #expect(try index.ingest([story("b", "River barges slow", unrelated)]).map(\.change) == [.updated])
        #expect(try index.clusterSets().isEmpty)
        #expect(try index.store.stats().stories == 2)
        // The old text of b is gone from the full-text index, the new one is there.
        #expect(try index.store.search(SearchRequest(query: "spokesman declined")).hits.isEmpty)
        #expect(try index.store.search(SearchRequest(query: "barges")).hits.map(\.id) == ["b"])
    }

    @Test func removingTheLinkOfAChainSplitsTheChain() throws {
        var generator = TextGenerator(seed: 3)
        let words = generator.words(100)
        func edited(_ positions: [Int]) -> String {
            var copy = words
            for position in positions { copy[position] = "edit\(position)" }
            return copy.joined(separator: " ")
        }
        let index = try TestIndex()
        // a ~ b ~ c (three words changed each side of b), but a and c are too far apart.
        try index.ingest([
            story("a", "t", edited([10, 20, 30])),
            story("c", "t", edited([60, 70, 80])),
            story("b", "t", words.joined(separator: " ")),
        ])
        #expect(try index.clusterSets() == [["a", "b", "c"]])
        try index.ingest([story("b", "roundup", generator.text(200))])
        #expect(try index.clusterSets().isEmpty)
    }

    /// A roundup of two unrelated briefs contains both: a compilation, which joins neither.
    @Test func aRoundupOfUnrelatedBriefsIsACompilation() throws {
        var generator = TextGenerator(seed: 4)
        let left = generator.text(60)
        let right = generator.text(60)
        let index = try TestIndex()
        try index.ingest([
            story("a", "first brief", left),
            story("b", "roundup", left + " " + generator.text(60) + " " + right),
            story("c", "second brief", right),
        ])
        #expect(try index.clusterSets().isEmpty)
        let roundup = try #require(try index.store.story(id: "b"))
        #expect(roundup.contains.map(\.id) == ["a", "c"])
        #expect(try index.store.story(id: "a")?.containedIn.map(\.id) == ["b"])
    }

    @Test func clustersDoNotDependOnIngestOrder() throws {
        let corpus = syntheticCorpus(seed: 11, originals: 36)
        let first = try TestIndex()
        try first.ingest(corpus)
        let expected = try first.clusterSets()
        #expect(expected.count == 24, "four of every six originals have a duplicate")
        var generator = TextGenerator(seed: 5)
        for _ in 0..<2 {
            let shuffled = corpus.sorted { _, _ in generator.next() % 2 == 0 }
            let other = try TestIndex()
            try other.ingest(shuffled)
            #expect(try other.clusterSets() == expected)
            #expect(try other.canonicals() == first.canonicals())
        }
    }

    @Test func everyKindOfDuplicateFolds() throws {
        let index = try TestIndex()
        try index.ingest(syntheticCorpus(seed: 21, originals: 12))
        let clusters = try index.clusterSets()
        #expect(clusters.contains(["o0", "o0-copy"]))
        #expect(clusters.contains(["o1", "o1-edit"]))
        #expect(clusters.contains(["o2", "o2-longer"]))
        #expect(clusters.contains(["o3", "o3-brief"]))
        #expect(!clusters.contains { $0.contains("o4-flash") }, "a title alone is its own story")
        #expect(!clusters.contains { $0.contains("o5") })
    }

    @Test func theSeedStructureFoldsTheRepublicationButNotTheQuotingStory() throws {
        let url = try #require(
            Bundle.module.url(forResource: "seed-structure", withExtension: "jsonl", subdirectory: "Fixtures"))
        let (stories, problems) = readEvents(url.path)
        #expect(problems.isEmpty)
        #expect(stories.map(\.id) == ["seed-a", "seed-b", "seed-c"])
        let fingerprinter = Fingerprinter(parameters: .standard)
        let sets = stories.map { fingerprinter.fingerprint(title: $0.title, body: $0.body).shingles }
        let rule = DuplicateRule.standard
        // The structure of the example: a pasted block keeps Jaccard low, containment high.
        let pair = rule.compare(sets[0], sets[1])
        #expect(pair.jaccard < 0.8 && pair.containment >= 0.8, "\(pair)")
        #expect(!rule.compare(sets[0], sets[2]).isSameStory)
        #expect(!rule.compare(sets[1], sets[2]).isSameStory)
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let index = try TestIndex()
            try index.ingest(order.map { stories[$0] })
            #expect(try index.clusterSets() == [["seed-a", "seed-b"]])
        }
    }
}
