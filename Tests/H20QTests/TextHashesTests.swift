import Foundation
import GRDB
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput
@testable import H20QStore

/// Text hashes in two tables (`TextHashes`): an exact copy is found whether its story's hash
/// is still in the small table or has moved to the large one, and a removed story's hash
/// leaves whichever holds it.
struct TextHashesTests {
    let body = """
        The trade ministry said on Wednesday it would require licences for exports of advanced \
        accelerator chips to a wider list of countries, closing a gap that officials said had let \
        older designs reach restricted buyers through third countries.
        """
    let otherBody = """
        Eleven consortia bid in the government's latest auction for offshore wind sites, a record, \
        the energy regulator said on Thursday, after it raised the maximum price it would pay.
        """

    /// Rows in (text_hash, text_hash_recent).
    private func rows(_ index: TestIndex) throws -> [Int] {
        try index.store.reading("text hashes") { reader in
            try ["text_hash", "text_hash_recent"].map { try Int.fetchOne(reader.db, sql: "SELECT count(*) FROM \($0)")! }
        }
    }

    @Test func exactCopiesAreFoundBeforeAndAfterTheHashesMove() throws {
        let index = try TestIndex()
        try index.ingest([story("a", "Chip licences widened", body)])
        #expect(try rows(index) == [0, 1])
        #expect(try index.ingest([story("b", "CHIP LICENCES WIDENED", body.uppercased())]).map(\.duplicate) == [.exact])

        #expect(try !index.store.write("move") { db in try TextHashes.moveIfFull(limit: 2, db) })
        #expect(try index.store.write("move") { db in try TextHashes.moveIfFull(limit: 1, db) })
        #expect(try rows(index) == [1, 0])
        #expect(try index.ingest([story("c", "Chip licences widened.", body)]).map(\.duplicate) == [.exact])
        try index.ingest([story("d", "Offshore wind auction", otherBody)])
        #expect(try rows(index) == [1, 1])
        #expect(try index.store.stats().stories == 2)

        // Each story leaves with its last sighting, and its hash with it, from either table.
        _ = try index.store.remove(["a", "b", "c"])
        #expect(try rows(index) == [0, 1])
        _ = try index.store.remove(["d"])
        #expect(try rows(index) == [0, 0])
        // The text is new again.
        #expect(try index.ingest([story("e", "Chip licences widened", body)]).map(\.duplicate) == [nil])
    }

    /// An index from before v9 (one index on `story(text_hash)`) has its hashes moved to the
    /// large table by its next writer, and finds copies of its stories as exact copies.
    @Test func anIndexFromBeforeV9HasItsHashesMoved() throws {
        let folder = TemporaryFolder()
        let location = IndexLocation(folder: folder.path + "/index")
        do {
            let store = try StoryStore.open(location, mode: .readWrite(creating: .standard))
            let incoming = story("a", "Chip licences widened", body)
            let fingerprinter = Fingerprinter(parameters: store.parameters)
            _ = try store.ingest([
                AnalyzedStory(
                    story: incoming, fingerprint: fingerprinter.fingerprint(title: incoming.title, body: incoming.body))
            ])
        }
        try rewrite(
            location,
            """
            DROP TABLE text_hash;
            DROP TABLE text_hash_recent;
            CREATE INDEX story_by_text_hash ON story(text_hash);
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v9%';
            """)
        let store = try StoryStore.open(location, mode: .readWrite(creating: .standard))
        let moved = try store.reading("text hashes") { reader in
            try Int.fetchOne(reader.db, sql: "SELECT count(*) FROM text_hash JOIN story ON story.id = text_hash.story")
        }
        #expect(moved == 1)
        let copy = story("b", "Chip licences widened!", body)
        let fingerprinter = Fingerprinter(parameters: store.parameters)
        let outcomes = try store.ingest([
            AnalyzedStory(story: copy, fingerprint: fingerprinter.fingerprint(title: copy.title, body: copy.body))
        ])
        #expect(outcomes.map(\.duplicate) == [.exact])
    }
}
