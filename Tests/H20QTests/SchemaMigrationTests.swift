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
        do {
            let old = try DatabaseQueue(path: location.databasePath)
            try old.write { db in
                try db.execute(
                    sql: """
                        DROP INDEX sighting_by_story;
                        CREATE INDEX sighting_by_story ON sighting(story);
                        DELETE FROM grdb_migrations WHERE identifier LIKE 'v6%';
                        """)
            }
            try old.close()
        }
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
