import Foundation
import GRDB
import H20QInput

/// A problem with the index itself, as opposed to with the input.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Equatable {
        fileprivate enum Value { case missing, incompatible, busy, database, notFound, invalidQuery, locked }
        fileprivate let value: Value
        public static let missing = Code(value: .missing)
        public static let incompatible = Code(value: .incompatible)
        public static let busy = Code(value: .busy)
        public static let database = Code(value: .database)
        public static let notFound = Code(value: .notFound)
        /// The full-text index refused a MATCH expression; the message says why.
        public static let invalidQuery = Code(value: .invalidQuery)
        /// Another process writes to the index, and the caller would not wait.
        public static let locked = Code(value: .locked)
    }

    public var code: Code
    /// What went wrong and, where there is one, what to do about it.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// A database error in words fit for a person: SQLite's message, never the SQL.
    static func wrapping(_ error: any Error, doing what: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                return StoreError(.busy, "\(what): the index is busy (another writer?); try again")
            }
            if isQueryError(error) {
                // FTS5 rejects the expression: say why in its words, never the SQL.
                let message = (error.message ?? "invalid query").replacingOccurrences(of: "fts5: ", with: "")
                return StoreError(.invalidQuery, message)
            }
            return StoreError(.database, "\(what): \(error.message ?? "SQLite error \(error.resultCode.rawValue)")")
        }
        return StoreError(.database, "\(what): \((error as NSError).localizedDescription)")
    }

    /// Whether SQLite refused a MATCH expression, rather than anything else going wrong.
    static func isQueryError(_ error: DatabaseError) -> Bool {
        guard error.resultCode == .SQLITE_ERROR, let message = error.message else { return false }
        return message.hasPrefix("fts5:") || message.hasPrefix("no such column")
            || message.hasPrefix("unknown special query") || message.hasPrefix("unterminated string")
    }
}
