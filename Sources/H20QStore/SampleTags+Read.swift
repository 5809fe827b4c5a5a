import Foundation
import GRDB
import H20QDedup

extension SampleTags {
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
