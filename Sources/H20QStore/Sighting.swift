import GRDB
import H20QInput

/// Rows of the `sighting` table: every id ingested, pointing at the story it is a copy of.
enum Sighting {
    struct Stored {
        var story: Int64
        var fields: SightingFields
        /// `AnalyzedStory.ownText` when it was last ingested; nil in an index made before
        /// sightings kept it.
        var ownText: Int64?
        /// The watched file it came from.
        var file: Int64?
    }

    static func fetch(id: String, _ db: Database) throws -> Stored? {
        let statement = try db.cachedStatement(
            sql: "SELECT story, source, url, published, metadata, origin, own_text, file FROM sighting WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [id]) else { return nil }
        return Stored(
            story: row[0],
            fields: SightingFields(source: row[1], url: row[2], published: row[3], metadata: row[4], origin: row[5]),
            ownText: row[6], file: row[7])
    }

    static func insert(id: String, story: Int64, _ analyzed: AnalyzedStory, _ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO sighting (id, story, source, url, published, metadata, origin, own_text, file)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let fields = analyzed.fields
        try statement.run(
            .text(id), .integer(story), SQLValue(fields.source), SQLValue(fields.url),
            SQLValue(fields.published), SQLValue(fields.metadata), .text(fields.origin), .integer(analyzed.ownText),
            analyzed.file.map(SQLValue.integer) ?? .null)
        try RankBlocks.widen(block: RankBlocks.block(of: story), for: fields, db)
    }

    /// Rewrites the fields of the sighting `id` of `story`.
    static func update(id: String, story: Int64, _ analyzed: AnalyzedStory, _ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                UPDATE sighting SET source = ?, url = ?, published = ?, metadata = ?, origin = ?, own_text = ?, file = ?
                WHERE id = ?
                """)
        let fields = analyzed.fields
        try statement.execute(arguments: [
            fields.source, fields.url, fields.published, fields.metadata, fields.origin, analyzed.ownText,
            analyzed.file, id,
        ])
        try RankBlocks.widen(block: RankBlocks.block(of: story), for: fields, db)
    }

    /// Notes the watched file a sighting now comes from (a file renamed, a story moved).
    static func move(id: String, toFile file: Int64?, _ db: Database) throws {
        try db.execute(sql: "UPDATE sighting SET file = ? WHERE id = ?", arguments: [file, id])
    }
}
