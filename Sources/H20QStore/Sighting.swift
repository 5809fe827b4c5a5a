import GRDB
import H20QInput

/// Rows of the `sighting` table: every id ingested, pointing at the story it is a copy of.
enum Sighting {
    struct Stored {
        var story: Int64
        var fields: SightingFields
    }

    static func fetch(id: String, _ db: Database) throws -> Stored? {
        let statement = try db.cachedStatement(
            sql: "SELECT story, source, url, published, metadata, origin FROM sighting WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [id]) else { return nil }
        return Stored(
            story: row[0],
            fields: SightingFields(source: row[1], url: row[2], published: row[3], metadata: row[4], origin: row[5]))
    }

    static func insert(id: String, story: Int64, _ fields: SightingFields, _ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO sighting (id, story, source, url, published, metadata, origin) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        try statement.run(
            .text(id), .integer(story), SQLValue(fields.source), SQLValue(fields.url),
            SQLValue(fields.published), SQLValue(fields.metadata), .text(fields.origin))
    }

    static func update(id: String, _ fields: SightingFields, _ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                UPDATE sighting SET source = ?, url = ?, published = ?, metadata = ?, origin = ? WHERE id = ?
                """)
        try statement.execute(arguments: [
            fields.source, fields.url, fields.published, fields.metadata, fields.origin, id,
        ])
    }
}
