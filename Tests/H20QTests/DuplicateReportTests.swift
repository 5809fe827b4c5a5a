import Foundation
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

/// The duplicate reports over a seed-like fixture: what differs per member, the filters and
/// orders, the pair explanation (a chain included), counts by source, and the JSON and CSV
/// encodings.
struct DuplicateReportTests {
    /// Three stories in a chain: b is a with five words replaced, c is b with five others
    /// replaced. a and b, b and c are the same story by containment; a and c are not.
    static func chain() -> [IncomingStory] {
        var generator = TextGenerator(seed: 41)
        let words = generator.text(200).split(separator: " ").map(String.init)
        func replacing(_ words: [String], at positions: [Int], tag: String) -> [String] {
            var changed = words
            for position in positions { changed[position] = "\(tag)\(position)x" }
            return changed
        }
        let b = replacing(words, at: [10, 50, 90, 130, 170], tag: "bee")
        let c = replacing(b, at: [30, 70, 110, 150, 190], tag: "sea")
        return [
            story("a", "Harbour dredging", words.joined(separator: " "), source: "X Wire", published: "2025-08-01"),
            story("b", "Harbour dredging", b.joined(separator: " "), source: "Y Post", published: "2025-08-02"),
            story("c", "Harbour dredging", c.joined(separator: " "), source: "Z Daily", published: "2025-08-03"),
        ]
    }

    static func seed() throws -> [IncomingStory] {
        let url = try #require(
            Bundle.module.url(forResource: "seed-structure", withExtension: "jsonl", subdirectory: "Fixtures"))
        return readEvents(url.path).stories
    }

    static func index() throws -> TestIndex {
        let index = try TestIndex()
        try index.ingest(try seed() + chain())
        return index
    }

    @Test func theSeedRepublicationSaysWhatChanged() throws {
        let index = try Self.index()
        let report = try index.store.clusters(DupesQuery(source: "daily courier online"))
        let cluster = try #require(report.clusters.first)
        #expect(report.clusters.count == 1)
        #expect(cluster.members.map(\.id) == ["seed-a", "seed-b"])
        let copy = cluster.members[1]
        #expect(copy.jaccard < 0.8 && copy.containment >= 0.8 && copy.similarity == copy.containment)
        #expect(copy.differences.changes.contains("headline changed"))
        #expect(copy.differences.changes.contains { $0.hasPrefix("spelling: Zelenko→Zelenkov") })
        #expect(copy.differences.changes.contains { $0.contains("words inserted after paragraph") })
        #expect(copy.differences.wordsAdded > 50)
        #expect(cluster.members[0].differences == .canonical)
    }

    @Test func filtersOrdersAndLimits() throws {
        let store = try Self.index().store
        func canonicals(_ query: DupesQuery) throws -> [String] { try store.clusters(query).clusters.map(\.canonical) }
        #expect(try canonicals(DupesQuery()) == ["a", "seed-a"])
        #expect(try canonicals(DupesQuery(order: .recent)) == ["seed-a", "a"])
        #expect(try canonicals(DupesQuery(limit: 1)) == ["a"])
        #expect(try canonicals(DupesQuery(limit: 1, offset: 1)) == ["seed-a"])
        #expect(try canonicals(DupesQuery(minimumSize: 3)) == ["a"])
        #expect(try canonicals(DupesQuery(since: PublishedDate("2025-08-04"))) == ["seed-a"])
        #expect(try canonicals(DupesQuery(until: PublishedDate("2025-08-02"))) == ["a"])
        #expect(try canonicals(DupesQuery(source: "z daily")) == ["a"])
        #expect(try canonicals(DupesQuery(source: "nobody")) == [])
        // A filter picks clusters; they are listed whole.
        #expect(try store.clusters(DupesQuery(source: "z daily")).clusters.first?.members.count == 3)
        let label = try #require(try store.clusters(DupesQuery()).clusters.first?.id)
        #expect(try store.cluster(id: label)?.canonical == "a")
        #expect(try store.cluster(id: -5) == nil)
    }

    @Test func explainsAPairAndAChain() throws {
        let store = try Self.index().store
        let seed = try #require(try store.explain("seed-a", "seed-b"))
        #expect(seed.sameStory && seed.storedPair && seed.sameCluster)
        #expect(seed.reason.hasPrefix("same story: containment"))
        #expect(seed.paths.map(\.name) == ["lsh", "containment"])
        #expect(!seed.paths[0].applies && seed.paths[1].applies && seed.paths[1].finds)
        #expect(abs(seed.minHashEstimate - seed.jaccard) < 0.15)

        let apart = try #require(try store.explain("seed-a", "seed-c"))
        #expect(!apart.sameStory && !apart.storedPair && !apart.sameCluster)
        #expect(apart.reason.hasPrefix("different stories"))

        let ends = try #require(try store.explain("a", "c"))
        #expect(!ends.sameStory && !ends.storedPair && ends.sameCluster)
        #expect(ends.chain == ["a", "b", "c"])
        #expect(ends.note == "not a pair; in one cluster through 1 other story")
        #expect(try store.explain("a", "missing") == nil)
    }

    @Test func countsBySource() throws {
        let report = try Self.index().store.sourceReport()
        let harbor = try #require(report.sources.first { $0.source == "Harbor Wire" })
        #expect(harbor.stories == 2 && harbor.firstPublished == 2 && harbor.republications == 0)
        let courier = try #require(report.sources.first { $0.source == "Daily Courier Online" })
        #expect(courier.firstPublished == 0 && courier.republicationsOf == [.init(source: "Harbor Wire", count: 1)])
        let z = try #require(report.sources.first { $0.source == "Z Daily" })
        #expect(z.republicationsOf == [.init(source: "X Wire", count: 1)])
        #expect(report.sources.reduce(0) { $0 + $1.stories } == 6)
    }

    /// Written cluster by cluster, the JSON is the same bytes as the whole report encoded at once.
    @Test func streamedJSONIsTheWholeReport() throws {
        let store = try Self.index().store
        for query in [DupesQuery(), DupesQuery(source: "nobody")] {
            var streamed: [UInt8] = []
            var json = ReportJSON { streamed += $0 }
            try store.eachCluster(query) { try json.add($0.cluster) }
            try json.finish()
            #expect(
                String(decoding: streamed, as: UTF8.self)
                    == String(decoding: try ReportJSON.encode(try store.clusters(query)), as: UTF8.self))
        }
    }

    @Test func csvQuoting() {
        #expect(
            ReportCSV.row(["plain", "a,b", "say \"hi\"", "two\nlines", "café"])
                == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",café\r\n")
        #expect(ReportCSV.number(1) == "1" && ReportCSV.number(0.909) == "0.909")
    }
}
