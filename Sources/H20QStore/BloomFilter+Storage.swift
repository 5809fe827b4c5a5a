import Foundation
import GRDB
import GRDBSQLite

/// A run's filter in `posting_run.filter`, read and written through SQLite's incremental blob
/// I/O: a filter of a large run (about 13 MB for 10 million postings) goes between the
/// database and its aligned words without a second copy of it in memory.
extension BloomFilter {
    /// The filter of run `run` as `db` holds it, of any format.
    static func read(run: Int64, _ db: Database) throws -> BloomFilter {
        let size =
            try Int.fetchOne(db, sql: "SELECT length(filter) FROM posting_run WHERE id = ?", arguments: [run]) ?? 0
        guard let blocks = blocks(storedSize: size) else {
            let data = try Data.fetchOne(db, sql: "SELECT filter FROM posting_run WHERE id = ?", arguments: [run])
            return BloomFilter(data: data ?? Data())
        }
        let blob = try StoredBlob(run: run, writable: false, db)
        defer { blob.close() }
        var bytes = Data(count: headerBytes)
        try bytes.withUnsafeMutableBytes { try blob.read(into: $0, at: 0) }
        guard let header = Header(bytes, blocks: blocks) else { return .admitsAll }
        return try reading(header, count: blocks * blockWords) { words in
            try blob.read(into: UnsafeMutableRawBufferPointer(words), at: headerBytes)
        }
    }

    /// Stores the filter (of the blocked format) as run `run`'s.
    func write(run: Int64, _ db: Database) throws {
        let words = blockWords
        try db.execute(
            sql: "UPDATE posting_run SET filter = zeroblob(?) WHERE id = ?",
            arguments: [Self.headerBytes + words.count * 8, run])
        let blob = try StoredBlob(run: run, writable: true, db)
        defer { blob.close() }
        try header.data.withUnsafeBytes { try blob.write($0, at: 0) }
        // A piece at a time, each word little-endian.
        var piece = [UInt64](repeating: 0, count: 8_192)
        var offset = Self.headerBytes
        var start = words.startIndex
        while start < words.endIndex {
            let end = min(start + piece.count, words.endIndex)
            for index in start..<end { piece[index - start] = words[index].littleEndian }
            try piece.withUnsafeBytes { bytes in
                try blob.write(UnsafeRawBufferPointer(rebasing: bytes[..<((end - start) * 8)]), at: offset)
            }
            offset += (end - start) * 8
            start = end
        }
    }
}

/// An open `posting_run.filter` blob.
private struct StoredBlob {
    let handle: OpaquePointer
    let db: Database

    init(run: Int64, writable: Bool, _ db: Database) throws {
        var handle: OpaquePointer?
        let status = sqlite3_blob_open(
            db.sqliteConnection, "main", "posting_run", "filter", run, writable ? 1 : 0, &handle)
        guard status == SQLITE_OK, let handle else {
            if let handle { sqlite3_blob_close(handle) }
            throw Self.error(status, db)
        }
        self.handle = handle
        self.db = db
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws {
        let status = sqlite3_blob_read(handle, buffer.baseAddress, Int32(buffer.count), Int32(offset))
        guard status == SQLITE_OK else { throw Self.error(status, db) }
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        let status = sqlite3_blob_write(handle, bytes.baseAddress, Int32(bytes.count), Int32(offset))
        guard status == SQLITE_OK else { throw Self.error(status, db) }
    }

    func close() { sqlite3_blob_close(handle) }

    private static func error(_ status: Int32, _ db: Database) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: status), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}
