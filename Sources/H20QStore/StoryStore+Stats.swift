import GRDB

extension StoryStore {
    public func stats() throws(StoreError) -> IndexStats {
        let location = location
        let parameters = parameters
        return try read("cannot read index statistics") { db in
            let sightings = try Int.fetchOne(db, sql: "SELECT count(*) FROM sighting") ?? 0
            let stories = try Int.fetchOne(db, sql: "SELECT count(*) FROM story") ?? 0
            let multiStory = try Row.fetchOne(
                db, sql: "SELECT count(DISTINCT cluster), count(*) FROM story WHERE cluster IS NOT NULL")!
            let clusteredStories: Int = multiStory[1]
            let clusters = stories - clusteredStories + (multiStory[0] as Int)
            let duplicates = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*), COALESCE(sum(n), 0) FROM (
                        SELECT count(*) AS n FROM sighting g JOIN story s ON s.id = g.story
                        GROUP BY COALESCE(s.cluster, s.id) HAVING count(*) > 1)
                    """)!
            return IndexStats(
                index: location.folder, sightings: sightings, stories: stories, clusters: clusters,
                duplicateClusters: duplicates[0], duplicateSightings: duplicates[1], indexBytes: location.sizeOnDisk,
                created: try Schema.info(db, "created"), version: try Schema.info(db, "version"),
                parameters: parameters)
        }
    }
}
