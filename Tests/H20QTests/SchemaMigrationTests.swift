import Foundation
import GRDB
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

/// An index written before the latest schema: a daemon (read-only) searches it as it is, and
/// the next writer migrates it.
struct SchemaMigrationTests {
    @Test func anIndexFromBeforeV6IsSearchedThenMigrated() throws {
        let folder = TemporaryFolder()
        let location = IndexLocation(folder: folder.path + "/index")
        let body = "The trade ministry said it would require licences for exports of advanced chips."
        do {
            let store = try StoryStore.open(location, mode: .readWrite(creating: .standard))
            let fingerprinter = Fingerprinter(parameters: store.parameters)
            for incoming in [
                story("a", "Chip licences", body, source: "Wire"),
                story(
                    "b", "Licences for chips", "Officials said licences would be reviewed case by case.",
                    source: "Daily"),
            ] {
                _ = try store.ingest([
                    AnalyzedStory(
                        story: incoming,
                        fingerprint: fingerprinter.fingerprint(title: incoming.title, body: incoming.body))
                ])
            }
        }
        // As schema v5 left it: the story index of sightings without their source and date.
        try rewrite(
            location,
            """
            DROP INDEX sighting_by_story;
            CREATE INDEX sighting_by_story ON sighting(story);
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v6%';
            """)
        func indexColumns(_ store: StoryStore) throws -> [String] {
            try store.reading("index columns") { reader in
                try Row.fetchAll(reader.db, sql: "PRAGMA index_info(sighting_by_story)").map { $0["name"] as String }
            }
        }
        let request = SearchRequest(query: "licences", source: "daily")

        let reader = try StoryStore.open(location, mode: .readOnly)
        #expect(try indexColumns(reader) == ["story"])
        let before = try reader.search(request)
        #expect(before.hits.map(\.id) == ["b"])

        let writer = try StoryStore.open(location, mode: .readWrite(creating: .standard))
        #expect(try indexColumns(writer) == ["story", "source", "published"])
        #expect(try writer.search(request).hits == before.hits)
    }
}

/// Block summaries (schema v7): keyed by span of blocks, read with one lookup a span; an
/// index with the v5 layout (keyed by word) is searched as it is and migrated by the next writer.
@Suite(.serialized)
struct BlockSummaryLayoutTests {
    private func summaries(_ store: StoryStore, postings: Bool = true) throws -> [String] {
        try store.reading("summaries") { reader in
            try Row.fetchAll(
                reader.db,
                sql: """
                    SELECT term, block, stories\(postings ? ", hex(postings)" : "") FROM term_summary
                    ORDER BY block, term
                    """
            ).map(\.description)
        }
    }

    private func answers(_ store: StoryStore) throws -> [String] {
        try RankedSearchTests.requests.map { request in
            let results = try store.search(request, plan: .ranked(scoringWhole: 0))
            return "\(results.hits.map(\.id)) \(results.hits.map(\.score)) \(results.total)"
        }
    }

    /// Rewrites the summaries as schema v5 kept them, and forgets the migration.
    private func downgrade(_ location: IndexLocation, keepingSummaries: Bool) throws {
        try rewrite(
            location,
            """
            CREATE TABLE term_block (
                term INTEGER NOT NULL, block INTEGER NOT NULL, stories INTEGER NOT NULL,
                postings BLOB NOT NULL, PRIMARY KEY (term, block)
            ) WITHOUT ROWID;
            CREATE INDEX term_block_by_block ON term_block(block);
            INSERT INTO term_block SELECT term, block, stories, postings FROM term_summary;
            DROP TABLE term_summary;
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v7%';
            """)
        guard !keepingSummaries else { return }
        // As an index from before v5 was: no summaries, nor the tables v5 made.
        try rewrite(
            location,
            """
            DROP TABLE term_block;
            DROP TABLE rank_block;
            DROP INDEX story_label;
            DROP INDEX sighting_by_story;
            CREATE INDEX sighting_by_story ON sighting(story);
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v5%' OR identifier LIKE 'v6%';
            """)
    }

    /// An index of `stories` in `folder`, closed: its summaries and ranked answers.
    private func makeIndex(_ location: IndexLocation, seed: UInt64) throws -> (rows: [String], answers: [String]) {
        let store = try StoryStore.open(location, mode: .readWrite(creating: .standard))
        let fingerprinter = Fingerprinter(parameters: store.parameters)
        let stories = RankedSearchTests.corpus(stories: 4_400, seed: seed)
        for start in stride(from: 0, to: stories.count, by: 1_000) {
            _ = try store.ingest(
                stories[start..<min(start + 1_000, stories.count)].map {
                    AnalyzedStory(story: $0, fingerprint: fingerprinter.fingerprint(title: $0.title, body: $0.body))
                })
        }
        return (try summaries(store), try answers(store))
    }

    @Test func anIndexKeyedByWordIsSearchedThenMigrated() throws {
        let folder = TemporaryFolder()
        let location = IndexLocation(folder: folder.path + "/index")
        let (rows, expected) = try makeIndex(location, seed: 3)
        #expect(rows.count > 100)
        try downgrade(location, keepingSummaries: true)

        let reader = try StoryStore.open(location, mode: .readOnly)
        #expect(try reader.reading("tables") { try $0.db.tableExists("term_summary") } == false)
        #expect(try answers(reader) == expected)

        let writer = try StoryStore.open(location, mode: .readWrite(creating: .standard))
        #expect(try summaries(writer) == rows)
        #expect(try writer.reading("tables") { try $0.db.tableExists("term_block") } == false)
        #expect(try answers(writer) == expected)
    }

    @Test func anIndexFromBeforeSummariesIsSummarizedByTheMigration() throws {
        let folder = TemporaryFolder()
        let location = IndexLocation(folder: folder.path + "/index")
        let (_, expected) = try makeIndex(location, seed: 4)
        let rows = try summaries(try StoryStore.open(location, mode: .readOnly), postings: false)
        try downgrade(location, keepingSummaries: false)

        let writer = try StoryStore.open(location, mode: .readWrite(creating: .standard))
        // The same words summarized in each block; their best postings are scored at the
        // average length of now, not of when each block was completed.
        #expect(try summaries(writer, postings: false) == rows)
        #expect(try answers(writer) == expected)
    }

    /// A word's rows in many spans come back whole and in block order.
    @Test func aWordsRowsAreReadAcrossSpans() throws {
        let index = try TestIndex()
        let blocks = Array(Int64(0)..<(3 * RankBlocks.spanBlocks + 2))
        try index.store.write("rows") { db in
            for block in blocks {
                try db.execute(
                    sql: "INSERT INTO rank_block (block, average_length, sources) VALUES (?, 10, '[]')",
                    arguments: [block])
                for term: Int64 in [-5, 7, 9] where term != 9 || block % 3 == 0 {
                    try db.execute(
                        sql: "INSERT INTO term_summary VALUES (?, ?, ?, ?, zeroblob(8))",
                        arguments: [RankBlocks.span(of: block), term, block, block + term])
                }
            }
        }
        let (counts, entries) = try index.store.reading("rows") { reader in
            let info = RankBlocks.BlockInfo(averageLength: 10, mayPass: true)
            let all = Dictionary(uniqueKeysWithValues: blocks.map { ($0, info) })
            return (try reader.blockCounts(of: 7), try reader.blockEntries(of: UInt64(9), blocks: all))
        }
        #expect(counts == Dictionary(uniqueKeysWithValues: blocks.map { ($0, Int($0) + 7) }))
        #expect(entries.map(\.block) == blocks.filter { $0 % 3 == 0 })
    }
}

/// Page size: a new index is written in `StoryStore.pageSize` pages; an index made in SQLite's
/// default 4 KiB pages (every index before) keeps them, takes more stories and answers as a new
/// one does.
struct PageSizeTests {
    private func pageSize(_ store: StoryStore) throws -> Int? {
        try store.reading("page size") { reader in try Int.fetchOne(reader.db, sql: "PRAGMA page_size") }
    }

    @Test func aNewIndexTakesLargePagesAnOlderOneKeepsItsOwn() throws {
        let stories = syntheticCorpus(seed: 11, originals: 24)
        let fresh = try TestIndex()
        try fresh.ingest(stories)
        #expect(try pageSize(fresh.store) == StoryStore.pageSize)

        let folder = TemporaryFolder()
        let location = IndexLocation(folder: folder.path + "/index")
        try FileManager.default.createDirectory(atPath: location.folder, withIntermediateDirectories: true)
        let empty = try DatabaseQueue(path: location.databasePath)
        try empty.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096; CREATE TABLE made_before (x); DROP TABLE made_before")
        }
        try empty.close()
        let older = try StoryStore.open(location, mode: .readWrite(creating: .standard))
        let fingerprinter = Fingerprinter(parameters: older.parameters)
        for incoming in stories {
            _ = try older.ingest([
                AnalyzedStory(
                    story: incoming, fingerprint: fingerprinter.fingerprint(title: incoming.title, body: incoming.body))
            ])
        }
        #expect(try pageSize(older) == 4096)

        let olderClusters = Set(try older.clusters().clusters.map { Set($0.members.map(\.id)) })
        #expect(olderClusters == (try fresh.clusterSets()))
        #expect(olderClusters.count >= 10)
        let word = String(stories[0].title.split(separator: " ")[0])
        let answer = try older.search(SearchRequest(query: word)).hits.map(\.id)
        #expect(!answer.isEmpty)
        #expect(answer == (try fresh.store.search(SearchRequest(query: word)).hits.map(\.id)))
    }
}
