import CSQLiteConfig
import Foundation
import GRDB
import H20QDedup
import H20QInput

/// The index: stories, their sightings, the candidate tables of duplicate detection, and the
/// full-text index. Its module is the only one that speaks SQL: the write path (`StoryWriter`,
/// `Clusters`, `PostingRuns`) and the read queries (`StoreReader`) hang off it.
///
/// Opened read-write by `ingest` (one writer at a time) and read-only by everything else,
/// which goes on reading while a writer commits (SQLite WAL).
public struct StoryStore: Sendable {
    let database: DatabasePool
    public let location: IndexLocation
    public let parameters: DedupParameters
    /// The write path; nil when opened read-only.
    let writer: StoryWriter?
    /// Held while the store may write.
    private let lock: WriterLock?

    public enum Mode: Sendable {
        /// Open for reading; the index must exist.
        case readOnly
        /// Open for writing, creating the index (with `parameters`) if it does not exist.
        case readWrite(creating: DedupParameters)
    }

    /// Opens the index at `location`. A writer waits while another process writes to the same
    /// index, calling `waiting` once when it starts to; with `waiting` nil it does not wait, and
    /// throws `.locked`.
    public static func open(
        _ location: IndexLocation, mode: Mode, waiting: (() -> Void)? = {}
    ) throws(StoreError) -> StoryStore {
        do {
            switch mode {
            case .readOnly:
                guard location.exists else {
                    throw StoreError(.missing, "no index at \(location) (create one with `h20q ingest` or `h20q init`)")
                }
                var configuration = makeConfiguration()
                configuration.readonly = true
                let pool = try DatabasePool(path: location.databasePath, configuration: configuration)
                let parameters = try pool.read { db in try Schema.parameters(db) }
                return StoryStore(database: pool, location: location, parameters: parameters, writer: nil, lock: nil)
            case .readWrite(let defaults):
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: location.folder, isDirectory: &isFolder), !isFolder.boolValue
                {
                    throw StoreError(.database, "\(location) is a file, not an index folder")
                }
                try FileManager.default.createDirectory(atPath: location.folder, withIntermediateDirectories: true)
                let lock = try WriterLock(folder: location.folder, waiting: waiting)
                let pool = try DatabasePool(
                    path: location.databasePath, configuration: makeConfiguration(readerCache: writingReaderCache))
                let migrator = Schema.migrator(parameters: defaults)
                // A newer h20q's index: this one would write it without what the newer schema
                // keeps (text hashes in runs, say), which that h20q relies on.
                if try pool.read(migrator.hasBeenSuperseded) {
                    throw StoreError(
                        .incompatible,
                        "index \(location) was written by a newer h20q, whose schema this one does not know: update h20q to write to it"
                    )
                }
                try migrator.migrate(pool)
                let parameters = try pool.read { db in try Schema.parameters(db) }
                guard parameters.fingerprintVersion == DedupParameters.currentFingerprintVersion else {
                    throw StoreError(
                        .incompatible,
                        "index \(location) was made with fingerprint version \(parameters.fingerprintVersion); this h20q writes version \(DedupParameters.currentFingerprintVersion): reindex into a new folder"
                    )
                }
                return StoryStore(
                    database: pool, location: location, parameters: parameters,
                    writer: StoryWriter(parameters: parameters), lock: lock)
            }
        } catch {
            throw StoreError.wrapping(error, doing: "cannot open index \(location)")
        }
    }

    /// SQLite's process-wide settings, made once before its first connection: memory
    /// statistics off, so that connections on different threads (the daemon's readers, an
    /// ingest's reader and writer) do not take one global mutex on every allocation.
    package static let processSettings: Void = {
        _ = h20q_sqlite_config_memstatus(0)
    }()

    /// The page cache of a writing store's readers, in KiB: an ingest's reading thread, whose
    /// candidate pages are spread over the whole index and seldom read twice. At 2 MB instead
    /// of 8 MB, 30,000 stories into a million-story index peaked 5 MB lower in no more time.
    static let writingReaderCache = 2_048

    /// The page size of a new index, in bytes: 32 KiB rather than SQLite's 4 KiB. A story row
    /// (title and body, 2.5 KB in a typical wire story) leaves a fifth or more of a 4 KiB page
    /// empty, as no second story fits beside it; larger pages also mean fewer B-tree levels.
    /// (A B-tree keyed at random, its leaves dirtied all over by every commit, writes more
    /// bytes a commit in them: see the README.) 100,000 generated stories, alternating runs:
    /// index 598 -> 541 MB, 20.6 / 21.7 -> 17.6 / 20.0 s; 16 and 64 KiB within the noise of
    /// 32 KiB in time, 16 KiB 564 MB. The posting pages of `PostingRuns` stay rows of 3.6 KB,
    /// read by row id.
    package static let pageSize = 32_768

    /// The one configuration every connection uses; `readerCache` (KiB) sizes the page cache
    /// of its read-only connections.
    static func makeConfiguration(readerCache: Int = 8_192) -> Configuration {
        _ = processSettings
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // Takes effect only in a database not yet written: an index keeps the page size it
            // was made with.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA page_size = \(pageSize)") }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Page cache in KiB: the writer's holds a transaction's dirty pages, a reader's only
            // what a query needs. Dirty pages past the writer's cache spill to the log before
            // the commit, and one touched again after its spill is written again in place,
            // which makes the commit read back and checksum every frame after it: at 16 MB
            // that was 8% of the writer's CPU at 100,000 stories, 11% at a million; at 24 MB
            // about half as much (`Scripts/profile-ingest`), for 10 MB more at peak.
            let cache = db.configuration.readonly ? readerCache : 24_576
            try db.execute(sql: "PRAGMA cache_size = -\(cache)")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // Checkpoint the write-ahead log every 40 MB rather than every 4 MB: an ingest
            // rewrites the same candidate-table pages batch after batch, and each checkpoint
            // costs two fsyncs.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
            try RankFunction.register(db)
            db.add(function: Schema.textsInRuns)
            // Before the full-text table is first used on the connection: its tokenizer is
            // looked up then.
            if !db.configuration.readonly { TokenRecording.install(db) }
        }
        return configuration
    }

    /// Runs `body` as one write transaction.
    func write<T>(_ what: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            let result = try database.write(body)
            writer?.filters.committed()
            return result
        } catch {
            // Rolled back: the candidate runs it wrote are gone, those it merged away are back.
            writer?.filters.reset()
            throw StoreError.wrapping(error, doing: what)
        }
    }

    /// Runs `body` with the read queries, on a consistent snapshot of the index.
    package func reading<T>(_ what: String, _ body: (StoreReader) throws -> T) throws(StoreError) -> T {
        try read(what) { db in try body(StoreReader(db: db)) }
    }

    /// Runs `body` on a consistent snapshot of the index.
    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw StoreError.wrapping(error, doing: what)
        }
    }
}
