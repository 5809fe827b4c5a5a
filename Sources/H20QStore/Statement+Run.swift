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
}

extension DatabaseError {
    /// The error of a failed `sqlite3_step` on `statement`, in GRDB's terms.
    init(_ status: Int32, _ statement: SQLiteStatement) {
        self.init(
            resultCode: ResultCode(rawValue: status),
            message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
    }
}
