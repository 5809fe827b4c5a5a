import GRDB

/// A sighting in a cluster, with what listing it needs.
package struct ClusterMember: Sendable {
    package var id: String
    package var story: Int64
    package var title: String
    package var source: String?
    package var url: String?
    package var published: String?
    package var shingleCount: Int

    static let columns = "g.id, g.story, s.title, g.source, g.url, g.published, s.shingle_count"

    /// A member from `columns`, read from column `start` on.
    init(_ row: Row, from start: Int = 0) {
        self.init(
            id: row[start], story: row[start + 1], title: row[start + 2], source: row[start + 3],
            url: row[start + 4], published: row[start + 5], shingleCount: row[start + 6])
    }

    package init(
        id: String, story: Int64, title: String, source: String?, url: String?, published: String?, shingleCount: Int
    ) {
        self.id = id
        self.story = story
        self.title = title
        self.source = source
        self.url = url
        self.published = published
        self.shingleCount = shingleCount
    }
}
