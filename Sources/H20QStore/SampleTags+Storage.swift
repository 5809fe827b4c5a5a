import Foundation
import GRDB
import H20QDedup

/// A story's sample tags in `sample_tags`: a row for each story with a containment sample.
extension SampleTags {
    /// Stores the tags of story `story`, whose sample is `sampleKeys`; none for a story too
    /// short to have one.
    static func write(story: Int64, sampleKeys: [Int64], _ db: Database) throws {
        guard !sampleKeys.isEmpty else { return }
        let insert = try db.cachedStatement(sql: "INSERT INTO sample_tags (story, tags) VALUES (?, ?)")
        try insert.run(.integer(story), .blob(SampleTags(sampleKeys: sampleKeys).bytes))
    }

    /// The stored tags of `story`; nil if it has none (gone, or short).
    static func read(story: Int64, _ db: Database) throws -> SampleTags? {
        let statement = try db.cachedStatement(sql: "SELECT tags FROM sample_tags WHERE story = ?")
        return try Data.fetchOne(statement, arguments: [story]).flatMap { SampleTags(bytes: $0) }
    }

    /// The stored tags of `stories`, by story; stories without tags (gone, or short) are left out.
    static func read(of stories: Set<Int64>, _ db: Database) throws -> [Int64: SampleTags] {
        guard !stories.isEmpty else { return [:] }
        var tags: [Int64: SampleTags] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT story, tags FROM sample_tags WHERE story IN (SELECT value FROM json_each(?))",
            arguments: [JSONArray.integers(stories)])
        while let row = try rows.next() {
            tags[row[0]] = SampleTags(bytes: row[1] as Data)
        }
        return tags
    }
}
