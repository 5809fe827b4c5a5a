import Foundation
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QIngest
@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

/// Stories republished very many times.
struct LargeFamilyTests {
    /// `count` versions of one 60-word story, each with one word changed.
    func family(_ count: Int, seed: UInt64, prefix: String) -> [IncomingStory] {
        var generator = TextGenerator(seed: seed)
        let words = generator.words(60)
        return (0..<count).map { n in
            var version = words
            version[Int(generator.next() % 60)] = "v\(n)"
            return story("\(prefix)\(n)", "family", version.joined(separator: " "))
        }
    }

    @Test func aThousandRepublicationsStillFold() throws {
        let index = try TestIndex()
        var ingester = Ingester(store: index.store)
        ingester.batchSize = 256
        let folder = TemporaryFolder()
        let lines = family(1_100, seed: 51, prefix: "f").map {
            #"{"id": "\#($0.id)", "title": "\#($0.title)", "body": "\#($0.body)"}"#
        }
        let path = folder.write("family.jsonl", lines.joined(separator: "\n"))
        let summary = try ingester.run(InputFiles.expand([path], format: nil).files, problem: { _ in })
        #expect(summary.nearDuplicates == 1_099)
        #expect(try index.store.clusters().clusters.map(\.members.count) == [1_100])
    }

    @Test func removingTheStoriesThatHeldTheKeysKeepsTheFamilyFindable() throws {
        let index = try TestIndex()
        let members = family(80, seed: 61, prefix: "m")
        try index.ingest(members)
        #expect(try index.clusterSets() == [Set(members.map(\.id))])
        // The first stories posted the keys the later ones share; take them away.
        var generator = TextGenerator(seed: 62)
        try index.ingest((0..<70).map { story("m\($0)", "elsewhere \($0)", generator.text(60)) })
        #expect(try index.clusterSets() == [Set((70..<80).map { "m\($0)" })])
        try index.ingest(family(81, seed: 61, prefix: "late").suffix(1))
        #expect(try index.clusterSets() == [Set((70..<80).map { "m\($0)" } + ["late80"])])
    }

    /// Replacing many members of a large cluster in one batch reads the cluster once and
    /// re-checks it once, not once per member replaced.
    @Test func replacingManyMembersOfALargeClusterReadsItOnce() throws {
        let index = try TestIndex()
        let members = family(300, seed: 81, prefix: "r")
        try index.ingest(members)
        #expect(try index.clusterSets() == [Set(members.map(\.id))])
        var generator = TextGenerator(seed: 82)
        let fingerprinter = Fingerprinter(parameters: index.store.parameters)
        let replacements = (0..<100).map { n in
            let text = story("r\(n * 3)", "elsewhere \(n)", generator.text(60))
            return AnalyzedStory(
                story: text, fingerprint: fingerprinter.fingerprint(title: text.title, body: text.body))
        }
        let (outcomes, work) = try index.store.ingestCountingWork(replacements)
        #expect(outcomes.allSatisfy { $0.change == .updated && $0.duplicate == nil })
        #expect(work.familyMembersRead == 299, "read once, as the first member leaves")
        #expect(work.familyMembersFingerprinted <= 299, "keys handed over from one map of the family")
        #expect(work.clustersRepaired == 1)
        #expect(work.storiesRechecked == 200)
        let remaining = Set(members.map(\.id)).subtracting(replacements.map(\.story.id))
        #expect(try index.clusterSets() == [remaining])
    }
}
