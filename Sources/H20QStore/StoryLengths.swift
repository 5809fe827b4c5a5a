import GRDB
import GRDBSQLite
import Synchronization

/// Every story's length in tokens, all columns together, as FTS5's `xColumnSize(-1)` gives it
/// (from `story_fts_docsize`), held in memory by one reading connection so that `h20q_rank`
/// does not look up each match's length: that lookup is a statement per match, over half of
/// what ranking a common query's matches costs.
///
/// A connection loads its table on its second ranked search (a one-off search, such as a CLI
/// run's, never pays for it), and again when `PRAGMA data_version` says another connection
/// has committed since. The table answers only inside `StoreReader.usingStoryLengths`, on the
/// snapshot it was checked against; elsewhere `h20q_rank` asks FTS5.
///
///     try reader.usingStoryLengths { try reader.rankedStories(...) }   // lengths from memory
///
/// Each reading connection has one, in its `RankContext`.
package final class StoryLengths: Sendable {
    private let state = Mutex(State())

    private struct State {
        /// Length by story id; `unknown` where the index has no such story.
        var table: [UInt32] = []
        /// The connection's `PRAGMA data_version` when `table` was loaded.
        var version: Int64?
        var rankedSearches = 0
        var active = false
    }

    static let unknown = UInt32.max

    /// The length of the story with id `story`, when the table is in use and knows it.
    func length(of story: Int64) -> Int32? {
        state.withLock { state in
            guard state.active, story >= 0, story < state.table.count else { return nil }
            let length = state.table[Int(story)]
            return length == Self.unknown ? nil : Int32(truncatingIfNeeded: length)
        }
    }

    /// Whether the table is loaded for the current snapshot (for tests).
    package var isInUse: Bool { state.withLock { $0.active } }

    /// Puts the table in use for the read transaction `db` is in, loading it first if this
    /// connection ranked before and its table is missing or stale. False if it stays unused.
    func begin(_ db: Database) throws -> Bool {
        let version = try Int64.fetchOne(try db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
        let load = state.withLock { state -> Bool? in
            if state.version == version {
                state.active = true
                return nil
            }
            state.rankedSearches += 1
            return state.rankedSearches > 1
        }
        guard load == true else { return load == nil }
        // Ids too sparse for a table: an empty one, so that this snapshot is not looked at
        // again (every length then comes from FTS5).
        let table = try Self.load(db) ?? []
        state.withLock { state in
            state.table = table
            state.version = version
            state.active = true
        }
        return true
    }

    func end() {
        state.withLock { $0.active = false }
    }

    /// The lengths in `story_fts_docsize` (each row a varint per column), by id; nil when ids
    /// are too sparse for a table by id to be worth its memory.
    private static func load(_ db: Database) throws -> [UInt32]? {
        let (rows, last) =
            try Row.fetchOne(db, sql: "SELECT count(*), coalesce(max(id), -1) FROM story_fts_docsize")
            .map { (Int($0[0] as Int64), Int($0[1] as Int64)) } ?? (0, -1)
        guard last < 4 * rows + 4_096 else { return nil }
        var table = [UInt32](repeating: unknown, count: last + 1)
        let statement = try db.makeStatement(sql: "SELECT id, sz FROM story_fts_docsize")
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw DatabaseError(status, handle) }
            let id = Int(sqlite3_column_int64(handle, 0))
            let count = Int(sqlite3_column_bytes(handle, 1))
            guard id >= 0, id < table.count else { continue }
            guard let bytes = sqlite3_column_blob(handle, 1) else {
                table[id] = 0
                continue
            }
            table[id] = totalOfVarints(UnsafeRawBufferPointer(start: bytes, count: count))
        }
        return table
    }

    /// The sum of the SQLite varints in `bytes` (FTS5 writes a row's column sizes so).
    static func totalOfVarints(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var total: UInt64 = 0
        var index = 0
        while index < bytes.count {
            var value: UInt64 = 0
            var length = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                length += 1
                if length == 9 {
                    value = (value << 8) | UInt64(byte)
                    break
                }
                value = (value << 7) | UInt64(byte & 0x7F)
                if byte & 0x80 == 0 { break }
            }
            total &+= value
        }
        return UInt32(truncatingIfNeeded: total)
    }
}
