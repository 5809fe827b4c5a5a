import Foundation
import GRDB
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

    /// A story whose text was stored when its batch was read is an exact copy as a rule, and
    /// its keys are not read with the batch's; if the stored copy is gone by the time it is
    /// written (its one sighting took another text earlier in the batch), it is matched as any
    /// new story is.
    @Test func aCopyOfAStoryRemovedEarlierInTheBatchFindsItsNearDuplicates() throws {
        var generator = TextGenerator(seed: 79)
        let words = generator.words(150)
        var edited = words
        edited[75] = "vedited"
        let fingerprinter = Fingerprinter(parameters: .standard)
        let index = try TestIndex()
        try index.store.ingest(
            [
                story("a", "original", words.joined(separator: " ")),
                story("c", "edited", edited.joined(separator: " ")),
            ],
            fingerprinter: fingerprinter)
        #expect(try index.clusterSets() == [["a", "c"]])
        let outcomes = try index.store.ingest(
            [story("a", "elsewhere", generator.text(120)), story("b", "original", words.joined(separator: " "))],
            fingerprinter: fingerprinter)
        #expect(outcomes.map(\.change) == [.updated, .new])
        #expect(try index.clusterSets() == [["b", "c"]])
    }

    /// The writer reads such a story's keys whole, even those the batch knows only by what it
    /// added (a removed story's keys handed over to its cluster): the stored holders with what
    /// the batch added.
    @Test func aCopyWhoseKeysAreReadByTheWriterSeesEveryStoredHolder() throws {
        var generator = TextGenerator(seed: 83)
        let words = generator.words(150)
        let fingerprinter = Fingerprinter(parameters: .standard)
        let index = try TestIndex()
        let stored = [
            story("a", "first", words.joined(separator: " ")),
            story("b", "second", words.joined(separator: " ") + " coda"),
        ]
        try index.store.ingest(stored, fingerprinter: fingerprinter)
        let fingerprint = fingerprinter.fingerprint(title: "first", body: words.joined(separator: " "))
        try #require(!fingerprint.sampleKeys.isEmpty)
        let writer = try #require(index.store.writer)
        let mine = Posting(story: 999_999, size: 1)
        try index.store.write("reading") { db in
            let holders = try PostingTable.read(
                .samples, keys: Set(fingerprint.sampleKeys), filters: writer.filters, db)
            var snapshot = try BatchSnapshot.read(
                for: [], committedBatches: 0, pending: PendingStories(), using: writer, db)
            for key in fingerprint.sampleKeys { snapshot.samples.add(key, mine) }
            try snapshot.readKeys(of: fingerprint, using: writer, db)
            for key in fingerprint.sampleKeys {
                let expected = (holders.postings(ifKnown: key) ?? []).map(\.story) + [mine.story]
                #expect(snapshot.samples.postings(ifKnown: key)?.map(\.story).sorted() == expected.sorted())
            }
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

/// A cluster repair checks again the pairs recorded among its stories.
struct RepairPairTests {
    /// Here the runs no longer show any key of the family (as if they were all stock phrases
    /// now, which a repair does not read): the pairs ingest recorded keep it together.
    @Test func aRepairKeepsThePairsRecordedAmongItsStories() throws {
        var generator = TextGenerator(seed: 83)
        let words = generator.words(150)
        let family = RemovalTests().versions(words, count: 3, prefix: "f", generator: &generator)
        let index = try TestIndex()
        let fingerprinter = Fingerprinter(parameters: .standard)
        try index.store.ingest(family + [story("u", "other", generator.text(150))], fingerprinter: fingerprinter)
        #expect(try index.clusterSets() == [["f0", "f1", "f2"]])
        try index.store.write("repair") { db in
            let filters = RunFilters()
            let rows = try Row.fetchAll(db, sql: "SELECT id, title, body FROM story")
            for row in rows {
                let fingerprint = fingerprinter.fingerprint(title: row[1], body: row[2])
                try PostingRuns.remove(.bands, story: row[0], keys: fingerprint.bandKeys, filters: filters, db)
                try PostingRuns.remove(.samples, story: row[0], keys: fingerprint.sampleKeys, filters: filters, db)
            }
            var work = WriteWork()
            _ = try Clusters.recompute(
                seeds: Set(rows.map { $0[0] as Int64 }), parameters: .standard, fingerprinter: fingerprinter,
                filters: filters, work: &work, db)
            #expect(work.storiesRechecked == 4)
        }
        #expect(try index.clusterSets() == [["f0", "f1", "f2"]])
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
