import Foundation
import GRDB
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

/// Texts (hashes of normalized texts) kept as runs of postings, like the candidate keys: the
/// runs hold the text of every stored story and none of a removed one's; an exact copy is
/// found whether its text was stored in its own batch, an earlier one or before an upgrade.
struct TextRunTests {
    /// (hash, story) of every stored story.
    private func storedTexts(_ store: StoryStore) throws -> Set<[Int64]> {
        try store.reading("texts") { reader in
            Set(try Row.fetchAll(reader.db, sql: "SELECT text_hash, id FROM story").map { [$0[0], $0[1]] })
        }
    }

    /// (hash, story) of every posting in the text runs.
    private func textPostings(_ store: StoryStore) throws -> [[Int64]] {
        try store.reading("text runs") { reader in
            try Row.fetchAll(
                reader.db,
                sql: """
                    SELECT posting_page.entries FROM posting_page JOIN posting_run ON posting_run.id = posting_page.run
                    WHERE posting_run.kind = ?
                    """, arguments: [PostingTable.Kind.texts.code]
            ).flatMap { PostingPage($0[0]).entries.map { [$0.key, $0.story] } }
        }
    }

    /// The story each sighting tells.
    private func sightings(_ store: StoryStore) throws -> [String: Int64] {
        try store.reading("sightings") { reader in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(reader.db, sql: "SELECT id, story FROM sighting").map {
                    ($0[0] as String, $0[1] as Int64)
                })
        }
    }

    private func copy(_ original: IncomingStory, as id: String) -> IncomingStory {
        story(id, original.title, original.body, source: "Copy")
    }

    @Test func theRunsHoldEveryStoredTextAndExactCopiesFindThem() throws {
        let index = try TestIndex()
        let fingerprinter = Fingerprinter(parameters: index.store.parameters)
        let stories = syntheticCorpus(seed: 31, originals: 240)
        let first = Array(stories.prefix(150))
        // Copies of a story stored in an earlier batch, and of one stored earlier in their own.
        let second = Array(stories.dropFirst(150)) + [copy(first[0], as: "again-0"), copy(stories[200], as: "again-1")]
        try index.store.ingest(first, fingerprinter: fingerprinter)
        let outcomes = try index.store.ingest(second, fingerprinter: fingerprinter)
        #expect(outcomes.suffix(2).map(\.duplicate) == [.exact, .exact])
        var told = try sightings(index.store)
        #expect(told["again-0"] == told[first[0].id])
        #expect(told["again-1"] == told[stories[200].id])

        // A story leaves (its one sighting takes another text), another's only sighting is
        // removed: their texts leave the runs, and a copy of either is a story of its own.
        let leaving = first[3]
        try index.store.ingest(
            [story(leaving.id, "Elsewhere", "A different text altogether about harbour dues and pilots.")],
            fingerprinter: fingerprinter)
        #expect(try index.store.remove([first[5].id]).removed == [first[5].id])
        let postings = try textPostings(index.store)
        #expect(postings.count == Set(postings).count)
        #expect(Set(postings) == (try storedTexts(index.store)))
        #expect(postings.count > 300)

        let copies = [copy(leaving, as: "back-3"), copy(first[5], as: "back-5"), copy(first[1], as: "again-2")]
        let last = try index.store.ingest(copies, fingerprinter: fingerprinter)
        #expect(last[0].duplicate != .exact && last[1].duplicate != .exact)
        #expect(last[2].duplicate == .exact)
        told = try sightings(index.store)
        #expect(told["again-2"] == told[first[1].id])
        #expect(Set(try textPostings(index.store)) == (try storedTexts(index.store)))
    }

    /// An index from before the runs held texts (an index on story(text_hash)) is upgraded by
    /// the next writer: one run of every stored text, the index dropped; copies fold as before.
    @Test func anIndexWithTheTextHashIndexIsMigratedIntoARun() throws {
        let folder = TemporaryFolder()
        let location = IndexLocation(folder: folder.path + "/index")
        let stories = syntheticCorpus(seed: 32, originals: 120)
        do {
            let store = try StoryStore.open(location, mode: .readWrite(creating: .standard))
            try store.ingest(stories, fingerprinter: Fingerprinter(parameters: store.parameters))
        }
        try rewrite(
            location,
            """
            DELETE FROM posting_page WHERE run IN (SELECT id FROM posting_run WHERE kind = 2);
            DELETE FROM posting_run WHERE kind = 2;
            CREATE INDEX story_by_text_hash ON story(text_hash);
            DROP TRIGGER posting_run_texts_in_runs;
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v9%';
            """)
        let store = try StoryStore.open(location, mode: .readWrite(creating: .standard))
        let schema = try store.reading("schema") { reader in
            try String.fetchSet(
                reader.db,
                sql: """
                    SELECT name FROM sqlite_schema WHERE name IN ('story_by_text_hash', 'posting_run_texts_in_runs')
                    """)
        }
        #expect(schema == ["posting_run_texts_in_runs"])
        let postings = try textPostings(store)
        #expect(postings.count == Set(postings).count)
        #expect(Set(postings) == (try storedTexts(store)))
        #expect(postings.count > 100)

        let copies = [copy(stories[0], as: "again-0"), copy(stories[7], as: "again-7")]
        let outcomes = try store.ingest(copies, fingerprinter: Fingerprinter(parameters: store.parameters))
        #expect(outcomes.map(\.duplicate) == [.exact, .exact])
        let told = try sightings(store)
        #expect(told["again-0"] == told[stories[0].id] && told["again-7"] == told[stories[7].id])
    }
}

/// An index a newer h20q wrote (a migration this one does not know of) is read but not
/// written: a writer that does not know the newer schema would leave out what it keeps.
struct NewerIndexTests {
    @Test func anIndexFromANewerH20QIsReadButNotWritten() throws {
        let folder = TemporaryFolder()
        let location = IndexLocation(folder: folder.path + "/index")
        let licences = story(
            "a", "Chip licences", "The trade ministry said it would require licences for exports of advanced chips.")
        do {
            let store = try StoryStore.open(location, mode: .readWrite(creating: .standard))
            try store.ingest([licences], fingerprinter: Fingerprinter(parameters: store.parameters))
        }
        // An index of this h20q's own schema is opened for writing again.
        _ = try StoryStore.open(location, mode: .readWrite(creating: .standard))
        try rewrite(location, "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from a newer h20q')")
        let error = #expect(throws: StoreError.self) {
            try StoryStore.open(location, mode: .readWrite(creating: .standard))
        }
        #expect(error?.code == .incompatible)
        #expect(
            error?.message
                == "index \(location) was written by a newer h20q, whose schema this one does not know: update h20q to write to it"
        )
        let reader = try StoryStore.open(location, mode: .readOnly)
        #expect(try reader.search(SearchRequest(query: "licences")).hits.map(\.id) == ["a"])
    }

    /// An h20q from before text hashes went into runs does not know to refuse a newer index,
    /// and would store stories without their texts in the runs: a trigger on the runs calling a
    /// function only later writers register stops the transaction that stores them (a batch of
    /// new stories writes runs), and nothing is stored.
    @Test func aWriterFromBeforeTextRunsCannotStoreAStory() throws {
        let index = try TestIndex()
        try index.ingest([story("a", "Chip licences", "Licences for exports of advanced chips were required.")])
        let older = try DatabaseQueue(path: index.store.location.databasePath)
        let error = #expect(throws: DatabaseError.self) {
            try older.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO story (title, body, text_hash, shingle_count) VALUES ('Chips', 'Licences.', 1, 1)
                        """)
                try db.execute(sql: "INSERT INTO posting_run (kind, level, entries, filter) VALUES (1, 0, 1, x'')")
            }
        }
        #expect(error?.message == "no such function: h20q_texts_in_runs")
        #expect(try older.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM story") } == 1)
        try older.close()
        try index.ingest([story("b", "Chip rules", "New rules for exports of memory chips were announced today.")])
        #expect(try index.store.stats().stories == 2)
    }
}
