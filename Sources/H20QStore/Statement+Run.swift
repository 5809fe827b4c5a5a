import Foundation
import GRDB
import GRDBSQLite
import H20QInput

/// SQLite copies bound text when given this destructor.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension Statement {
    /// Binds `values` and steps the statement once, without GRDB's per-call argument checks
    /// and allocations: the ingest hot path, where a story costs a handful of statements.
    func run(_ values: SQLValue...) throws {
        let handle = sqliteStatement
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .integer(let number): sqlite3_bind_int64(handle, index, number)
            case .text(let text): sqlite3_bind_text(handle, index, text, Int32(text.utf8.count), transient)
            case .blob(let bytes):
                bytes.withUnsafeBytes {
                    _ = sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient)
                }
            case .null: sqlite3_bind_null(handle, index)
            }
        }
        let status = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard status == SQLITE_DONE || status == SQLITE_ROW else { throw DatabaseError(status, handle) }
    }

    /// Binds the integers `values`, steps the statement once and returns its first column as
    /// bytes, nil if there is no row: the lookup hot path (a page of postings a key and run),
    /// where GRDB's generic fetch cost as much as SQLite's own step.
    func firstBlob(_ values: Int64...) throws -> Data? {
        let handle = sqliteStatement
        defer { sqlite3_reset(handle) }
        for (offset, value) in values.enumerated() { sqlite3_bind_int64(handle, Int32(offset + 1), value) }
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            // The pointer first, then its size, as SQLite asks.
            guard let bytes = sqlite3_column_blob(handle, 0) else { return Data() }
            return Data(bytes: bytes, count: Int(sqlite3_column_bytes(handle, 0)))
        case SQLITE_DONE: return nil
        case let status: throw DatabaseError(status, handle)
        }
    }
}

extension DatabaseError {
    /// The error of a failed `sqlite3_step` on `statement`, in GRDB's terms.
    init(_ status: Int32, _ statement: SQLiteStatement) {
        self.init(
            resultCode: ResultCode(rawValue: status),
            message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
    }
}
