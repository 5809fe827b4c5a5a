import Foundation
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

/// Removals inside one batch, where the stories that held a family's keys go away.
struct RemovalTests {
    func versions(_ words: [String], count: Int, prefix: String, generator: inout TextGenerator) -> [IncomingStory] {
        (0..<count).map { n in
            var version = words
            version[Int(generator.next() % UInt64(words.count))] = "v\(prefix)\(n)"
            return story("\(prefix)\(n)", "family", version.joined(separator: " "))
        }
    }

    @Test func aStoryAfterMassRemovalsInTheSameBatchStillFindsItsFamily() throws {
        var generator = TextGenerator(seed: 71)
        let words = generator.words(100)
        let family = versions(words, count: 120, prefix: "a", generator: &generator)
        let b = versions(words, count: 1, prefix: "b", generator: &generator)[0]
        let c = versions(words, count: 1, prefix: "c", generator: &generator)[0]
        let replacements = (0..<120).map { story("a\($0)", "elsewhere", generator.text(100)) }
        for batches in [[replacements + [c]], [replacements, [c]]] {
            let index = try TestIndex()
            try index.store.ingest(family + [b], fingerprinter: Fingerprinter(parameters: .standard))
            for batch in batches {
                try index.store.ingest(batch, fingerprinter: Fingerprinter(parameters: .standard))
            }
            #expect(try index.clusterSets() == [["b0", "c0"]], "\(batches.count) batches")
        }
    }

    @Test func replacingAndRestoringInOneBatchRestoresTheCluster() throws {
        var generator = TextGenerator(seed: 73)
        let words = generator.words(100)
        let family =
            versions(words, count: 120, prefix: "a", generator: &generator) + [
                story("b", "family", words.joined(separator: " "))
            ]
        let index = try TestIndex()
        try index.store.ingest(family, fingerprinter: Fingerprinter(parameters: .standard))
        let away = (0..<120).map { story("a\($0)", "elsewhere", generator.text(100)) }
        try index.store.ingest(away + family.dropLast(), fingerprinter: Fingerprinter(parameters: .standard))
        #expect(try index.clusterSets() == [Set(family.map(\.id))])
    }
}

extension StoryStore {
    /// Ingests `stories` as one batch.
    @discardableResult
    func ingest(_ stories: [IncomingStory], fingerprinter: Fingerprinter) throws -> [IngestOutcome] {
        try ingest(
            stories.map {
                AnalyzedStory(story: $0, fingerprint: fingerprinter.fingerprint(title: $0.title, body: $0.body))
            })
    }
}
