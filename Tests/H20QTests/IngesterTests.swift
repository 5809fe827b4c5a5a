import Foundation
import GRDB
import H20QFixtures
import Testing

@testable import H20QIngest
@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

struct IngesterTests {
    /// The pipeline reads batches ahead of the writer; what it stores must not depend on it.
    @Test func pipelinedBatchesStoreWhatOneByOneStores() throws {
        let corpus = syntheticCorpus(seed: 31, originals: 48)
        let folder = TemporaryFolder()
        let lines = try corpus.map { story -> String in
            let object: [String: String] = ["id": story.id, "title": story.title, "body": story.body]
            return String(
                decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        let path = folder.write("corpus.jsonl", lines.joined(separator: "\n"))

        let sequential = try TestIndex()
        try sequential.ingest(readEvents(path).stories)

        // Batches handed over one at a time (the default).
        let handedOver = try TestIndex()
        var handing = Ingester(store: handedOver.store)
        handing.batchSize = 5
        var handingProblems: [InputProblem] = []
        let handed = try handing.run(
            InputFiles.expand([path], format: nil).files, problem: { handingProblems.append($0) })
        #expect(handingProblems.isEmpty)
        #expect(handed.read == corpus.count)
        #expect(handed.new == corpus.count)
        #expect(try handedOver.clusterSets() == sequential.clusterSets())
        #expect(try handedOver.store.stats().stories == sequential.store.stats().stories)

        // Three batches waiting ahead.
        let pipelined = try TestIndex()
        var ingester = Ingester(store: pipelined.store)
        ingester.batchSize = 5
        ingester.batchesAhead = 3
        var problems: [InputProblem] = []
        let summary = try ingester.run(InputFiles.expand([path], format: nil).files, problem: { problems.append($0) })
        #expect(problems.isEmpty)
        #expect(summary.read == corpus.count)
        #expect(summary.new == corpus.count)
        #expect(try pipelined.clusterSets() == sequential.clusterSets())
        #expect(try pipelined.store.stats().stories == sequential.store.stats().stories)

        // A second run finds everything unchanged and stores nothing twice.
        let again = try ingester.run(InputFiles.expand([path], format: nil).files, problem: { problems.append($0) })
        #expect(again.unchanged == corpus.count)
        #expect(try pipelined.store.stats().sightings == corpus.count)
    }

    @Test func replacementsAcrossBatchesInFlight() throws {
        // Ids come again with other texts in batches read before the earlier ones committed:
        // replaced stories must neither be matched nor left behind.
        var generator = TextGenerator(seed: 41)
        let x = generator.text(120)
        let xEdited = generator.edited(x, rate: 0.02)
        let xOther = generator.edited(x, rate: 0.02)
        var lines: [(String, String)] = [("r0", x)]
        for n in 3..<9 { lines.append(("f\(n)", generator.text(80))) }
        lines.append(("r1", xEdited))  // folds with r0
        for n in 9..<15 { lines.append(("f\(n)", generator.text(80))) }
        lines.append(("r0", generator.text(120)))  // r0 now tells another story
        for n in 15..<21 { lines.append(("f\(n)", generator.text(80))) }
        lines.append(("r2", xOther))  // the old r0 is gone: folds with r1 only
        let index = try TestIndex()
        let summary = try ingestInPairs(lines, into: index, batchesAhead: 6)
        #expect(summary.new == lines.count - 1 && summary.updated == 1)
        #expect(try index.clusterSets() == [["r1", "r2"]])
        #expect(try index.store.stats().stories == lines.count - 1)
        #expect(try index.store.story(id: "r0")?.cluster.members.count == 1)
    }

    @Test func exactCopiesAcrossBatchesInFlight() throws {
        // Each copy comes a few batches after its original, read before the original's batch
        // committed: found through the texts those batches stored, not counted as new stories.
        var generator = TextGenerator(seed: 43)
        let originals = (0..<12).map { ("o\($0)", generator.text(90)) }
        var lines: [(String, String)] = []
        for (index, original) in originals.enumerated() {
            lines.append(original)
            if index >= 3 { lines.append(("c\(index - 3)", originals[index - 3].1)) }
        }
        let index = try TestIndex()
        let summary = try ingestInPairs(lines, into: index, batchesAhead: 4)
        #expect(summary.new == lines.count && summary.exactDuplicates == 9)
        #expect(try index.store.stats().stories == originals.count)
        for copy in 0..<9 {
            #expect(try index.store.story(id: "c\(copy)")?.sightings.map(\.id) == ["o\(copy)"])
        }
    }

    /// Ingests (id, body) stories from a JSON Lines file in batches of two, `batchesAhead` of
    /// them read before the ones before are committed.
    private func ingestInPairs(
        _ lines: [(id: String, body: String)], into index: TestIndex, batchesAhead: Int
    ) throws -> IngestSummary {
        let folder = TemporaryFolder()
        let path = folder.write(
            "stories.jsonl",
            lines.map { #"{"id": "\#($0.id)", "title": "t", "body": "\#($0.body)"}"# }.joined(separator: "\n"))
        var ingester = Ingester(store: index.store)
        ingester.batchSize = 2
        ingester.batchesAhead = batchesAhead
        return try ingester.run(InputFiles.expand([path], format: nil).files, problem: { _ in })
    }
}
