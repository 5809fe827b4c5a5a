import Foundation
import GRDB
import H20QInput

/// A folder or file `h20q reindex` scans.
public struct WatchedSource: Sendable, Codable, Equatable {
    public var path: String
    /// The format its files are read as; nil: by their names.
    @Nullable public var format: String?
    public var files: Int
    public var stories: Int
}

/// A file of a watched source as the index last read it.
package struct WatchedFile: Sendable, Equatable {
    package var id: Int64
    package var source: Int64
    package var path: String
    /// Size, modification time (ns) and content identity when its stories were last
    /// committed; nil until they are.
    package var size: Int64?
    package var mtime: Int64?
    package var content: Int64?

    package init(id: Int64, source: Int64, path: String, size: Int64?, mtime: Int64?, content: Int64?) {
        self.id = id
        self.source = source
        self.path = path
        self.size = size
        self.mtime = mtime
        self.content = content
    }
}

extension StoryStore {
    /// Adds a folder or file to scan; false if it was there already (its format is updated).
    public func addSource(path: String, format: InputFormat?) throws(StoreError) -> Bool {
        try write("cannot add source \(path)") { db in
            let existed = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE path = ?", arguments: [path]) != nil
            try db.execute(
                sql: """
                    INSERT INTO source (path, format) VALUES (?, ?)
                    ON CONFLICT(path) DO UPDATE SET format = excluded.format
                    """, arguments: [path, format?.rawValue])
            return !existed
        }
    }

    /// The sources, with how many files and stories each holds.
    public func sources() throws(StoreError) -> [WatchedSource] {
        try read("cannot list sources") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.path, s.format,
                           (SELECT count(*) FROM source_file f WHERE f.source = s.id),
                           (SELECT count(*) FROM sighting g JOIN source_file f ON f.id = g.file WHERE f.source = s.id)
                    FROM source s ORDER BY s.path
                    """
            ).map { WatchedSource(path: $0[0], format: $0[1], files: $0[2], stories: $0[3]) }
        }
    }

    /// Sources by id, with their format.
    package func sourceIDs() throws(StoreError) -> [(id: Int64, path: String, format: InputFormat?)] {
        try read("cannot list sources") { db in
            try Row.fetchAll(db, sql: "SELECT id, path, format FROM source ORDER BY path").map {
                ($0[0], $0[1], ($0[2] as String?).flatMap(InputFormat.init(rawValue:)))
            }
        }
    }

    /// Every file of every source, as last read.
    package func watchedFiles() throws(StoreError) -> [WatchedFile] {
        try read("cannot list watched files") { db in
            try Row.fetchAll(db, sql: "SELECT id, source, path, size, mtime, content FROM source_file").map {
                WatchedFile(id: $0[0], source: $0[1], path: $0[2], size: $0[3], mtime: $0[4], content: $0[5])
            }
        }
    }

    /// Notes new files of a source (nothing known of them yet); returns their ids by path.
    package func registerFiles(_ paths: [String], source: Int64) throws(StoreError) -> [String: Int64] {
        guard !paths.isEmpty else { return [:] }
        return try write("cannot note new files") { db in
            var ids: [String: Int64] = [:]
            for path in paths {
                try db.execute(
                    sql:
                        "INSERT INTO source_file (source, path) VALUES (?, ?) ON CONFLICT(path) DO UPDATE SET source = excluded.source",
                    arguments: [source, path])
                ids[path] = try Int64.fetchOne(db, sql: "SELECT id FROM source_file WHERE path = ?", arguments: [path])
            }
            return ids
        }
    }

    /// The sightings read from a watched file, with the identity of their own text.
    package func sightings(inFile file: Int64) throws(StoreError) -> [(id: String, ownText: Int64?)] {
        try read("cannot read a file's stories") { db in
            try Row.fetchAll(db, sql: "SELECT id, own_text FROM sighting WHERE file = ?", arguments: [file]).map {
                ($0[0], $0[1])
            }
        }
    }

    /// Ends a reindex in one transaction: removes the sightings its files no longer hold and
    /// those of files gone, forgets the files gone, and records what the files read look
    /// like now. Returns the ids removed and the clusters computed again.
    package func finishReindex(
        stale: [String], deletedFiles: [Int64], deletedSources: [Int64], readFiles: [WatchedFile],
        keepingStories: Bool = false
    ) throws(StoreError) -> (removed: [String], clustersChanged: Int) {
        guard let writer else { throw StoreError(.database, "the index is open read-only") }
        return try write("cannot finish the reindex") { db in
            var gone = stale
            for file in deletedFiles where !keepingStories {
                gone += try String.fetchAll(db, sql: "SELECT id FROM sighting WHERE file = ?", arguments: [file])
            }
            var snapshot = try BatchSnapshot.read(
                for: [], committedBatches: 0, pending: PendingStories(), using: writer, db)
            let removed = try writer.remove(gone, &snapshot, db)
            for file in deletedFiles {
                try db.execute(sql: "UPDATE sighting SET file = NULL WHERE file = ?", arguments: [file])
                try db.execute(sql: "DELETE FROM source_file WHERE id = ?", arguments: [file])
            }
            for source in deletedSources {
                try db.execute(sql: "DELETE FROM source WHERE id = ?", arguments: [source])
            }
            for file in readFiles {
                try db.execute(
                    sql: "UPDATE source_file SET size = ?, mtime = ?, content = ? WHERE id = ?",
                    arguments: [file.size, file.mtime, file.content, file.id])
            }
            return (removed, snapshot.work.clustersRepaired)
        }
    }

    /// The id of the source at `path`, if any.
    package func sourceID(path: String) throws(StoreError) -> Int64? {
        try read("cannot read sources") { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE path = ?", arguments: [path])
        }
    }

    /// The files of a source.
    package func files(ofSource source: Int64) throws(StoreError) -> [Int64] {
        try read("cannot read sources") { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM source_file WHERE source = ?", arguments: [source])
        }
    }

    /// Merges the full-text index's segments into one and lets SQLite refresh its statistics.
    public func optimize() throws(StoreError) {
        try write("cannot optimize the index") { db in
            try db.execute(sql: "INSERT INTO story_fts (story_fts) VALUES ('optimize')")
            try db.execute(sql: "PRAGMA optimize")
            try db.execute(
                sql:
                    "INSERT OR REPLACE INTO index_info (key, value) VALUES ('optimized', ?), ('changed since optimized', '0')",
                arguments: [PublishedDate(secondsSince1970: Int64(Date().timeIntervalSince1970)).text])
        }
    }

    /// When the index was last optimized, and how many stories changed since.
    package func optimizeState() throws(StoreError) -> (optimized: PublishedDate?, changed: Int) {
        try read("cannot read the index") { db in
            let optimized = try Schema.info(db, "optimized").flatMap { PublishedDate($0) }
            let changed = try Schema.info(db, "changed since optimized").flatMap { Int($0) } ?? 0
            return (optimized, changed)
        }
    }

    /// Adds `count` to the stories changed since the last optimize.
    package func noteChanged(_ count: Int) throws(StoreError) {
        guard count > 0 else { return }
        try write("cannot note changes") { db in
            let changed = try Schema.info(db, "changed since optimized").flatMap { Int($0) } ?? 0
            try db.execute(
                sql: "INSERT OR REPLACE INTO index_info (key, value) VALUES ('changed since optimized', ?)",
                arguments: [String(changed + count)])
        }
    }
}
