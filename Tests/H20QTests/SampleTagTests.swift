import Foundation
import GRDB
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput
@testable import H20QStore

/// A new story's stock phrases (sampled shingles over the cap) are neither counted nor posted;
/// a candidate short of the shared-sample minimum that could make it up with them is checked
/// only if its stored sample tags hold enough of them.
struct SampleTagTests {
    @Test func tagsCountTheKeysAStoryHolds() throws {
        var generator = TextGenerator(seed: 5)
        let keys = (0..<40).map { _ in Int64(bitPattern: generator.next() & ~7) }
        let tags = SampleTags(sampleKeys: keys)
        let others = (0..<40).map { _ in Int64(bitPattern: generator.next() & ~7) }
        // Keys of other stories may share a tag by chance (16 bits for 40 keys): count them.
        let chance = others.filter { key in keys.contains { SampleTags.tag($0) == SampleTags.tag(key) } }.count
        #expect(tags.holdCount(of: keys.prefix(7) + others) == 7 + chance)
        #expect(chance < 5)
        #expect(tags.holdCount(of: []) == 0)
        #expect(SampleTags(bytes: tags.bytes) == tags)
        #expect(tags.bytes.count == 80)
        #expect(SampleTags(bytes: tags.bytes.dropLast()) == nil, "not a whole number of tags")
        #expect(SampleTags(bytes: [2, 0, 1, 0]) == nil, "not sorted")
    }

    /// A candidate needs as many of the story's sampled shingles as the minimum: stock phrases,
    /// and counted ones its postings may not show (keys its family held many times already).
    @Test func undecidedCandidatesAreSettledByTheSampledShinglesTheyHold() {
        let matcher = DuplicateMatcher(parameters: .standard)
        let own: [Int64] = [8 << 48, 16 << 48, 24 << 48, 32 << 48]
        var candidates = DuplicateMatcher.Candidates(
            stories: [4], capped: Set(own.prefix(3)), undecided: [(1, 2), (2, 2), (3, 1), (4, 3), (5, 2)],
            sampleKeys: own)
        let tags: [Int64: SampleTags] = [
            1: SampleTags(sampleKeys: [8 << 48, 16 << 48, 40 << 48]),  // two stock phrases: enough
            2: SampleTags(sampleKeys: [8 << 48, 48 << 48]),  // one of the two needed
            // 3 has none stored: checked
            4: SampleTags(sampleKeys: []),  // already a candidate by its bands
            5: SampleTags(sampleKeys: [8 << 48, 32 << 48]),  // a stock phrase and a counted key
        ]
        matcher.settle(&candidates) { tags[$0] }
        #expect(candidates.stories == [1, 3, 4, 5])
        #expect(candidates.undecided.isEmpty)
    }

    /// Stories that end with one outlet's long boilerplate (capped at three holders), one
    /// without it, and a new batch: a story quoting a little of the one without, with the
    /// boilerplate (its candidate short of the minimum, without the stock phrases: not read),
    /// and a copy of a boilerplate story with a line added (short of the minimum on counted
    /// samples, made up by the stock phrases it holds: read, and matched).
    @Test func aCandidateIsReadOnlyIfItHoldsEnoughOfTheStockPhrases() throws {
        var parameters = DedupParameters.standard
        parameters.sampleCap = 3
        let index = try TestIndex(parameters: parameters)
        var generator = TextGenerator(seed: 23)
        let boilerplate = generator.text(240)
        let plain = generator.words(200)
        let short = generator.text(40)
        let stored =
            (0..<4).map { story("h\($0)", generator.text(6), generator.text(100) + " " + boilerplate) } + [
                story("plain", generator.text(6), plain.joined(separator: " ")),
                story("short", generator.text(6), short + " " + boilerplate),
            ]
        try index.ingest(stored)
        let ids = try index.store.read("ids") { db in
            try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, story FROM sighting").map {
                    ($0[0] as String, $0[1] as Int64)
                })
        }
        let fingerprinter = Fingerprinter(parameters: parameters)
        let batch = [
            story("quote", generator.text(6), plain.prefix(40).joined(separator: " ") + " " + boilerplate),
            story("copy", generator.text(6), short + " " + boilerplate + " " + generator.text(12)),
        ].map { AnalyzedStory(story: $0, fingerprint: fingerprinter.fingerprint(title: $0.title, body: $0.body)) }
        let snapshot = try index.store.snapshot(for: batch, committedBatches: 0, pending: .single(batch))

        // As the batch found them before settling: both candidates undecided.
        let matcher = DuplicateMatcher(parameters: parameters)
        let plainID = try #require(ids["plain"])
        let shortID = try #require(ids["short"])
        let quoted = matcher.candidates(for: batch[0].fingerprint, bands: snapshot.bands, samples: snapshot.samples)
        let copied = matcher.candidates(for: batch[1].fingerprint, bands: snapshot.bands, samples: snapshot.samples)
        #expect(quoted.capped.count > 20)
        try #require(quoted.undecided.map(\.story) == [plainID])
        try #require(copied.undecided.map(\.story) == [shortID])
        #expect(!quoted.stories.contains(plainID) && !copied.stories.contains(shortID))

        #expect(snapshot.shingles[plainID] == nil, "holds none of the stock phrases: not read")
        #expect(snapshot.shingles[shortID] != nil, "holds them: read")
        _ = try index.store.ingest(batch)
        #expect(try index.clusterSets() == [["short", "copy"]])
    }

    /// An index from before tags were kept gets them from its texts when a writer opens it,
    /// the same as ingest stores them.
    @Test func theMigrationTagsTheStoriesStoredBefore() throws {
        let folder = TemporaryFolder()
        let location = IndexLocation(folder: folder.path + "/index")
        func allTags(_ store: StoryStore) throws -> [[UInt8]] {
            try store.read("tags") { db in
                try Data.fetchAll(db, sql: "SELECT tags FROM sample_tags ORDER BY story").map { Array($0) }
            }
        }
        let ingested: [[UInt8]]
        do {
            let store = try StoryStore.open(location, mode: .readWrite(creating: .standard))
            try store.ingest(
                syntheticCorpus(seed: 4, originals: 60), fingerprinter: Fingerprinter(parameters: .standard))
            ingested = try allTags(store)
            let long = try store.read("long stories") { db in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM story WHERE shingle_count >= ?",
                    arguments: [DedupParameters.standard.sampledFrom])
            }
            #expect(ingested.count == long)
            #expect(ingested.count > 30)
        }
        try rewrite(
            location,
            """
            DROP TABLE sample_tags;
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v8%';
            """)
        let reopened = try StoryStore.open(location, mode: .readWrite(creating: .standard))
        #expect(try allTags(reopened) == ingested)
    }
}
