import Foundation
import GRDB

/// A problem with the index itself, as opposed to with the input.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Equatable {
        fileprivate enum Value { case missing, incompatible, busy, database, notFound }
        fileprivate let value: Value
        public static let missing = Code(value: .missing)
        public static let incompatible = Code(value: .incompatible)
        public static let busy = Code(value: .busy)
        public static let database = Code(value: .database)
        public static let notFound = Code(value: .notFound)
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
            return StoreError(.database, "\(what): \(error.message ?? "SQLite error \(error.resultCode.rawValue)")")
        }
        return StoreError(.database, "\(what): \((error as NSError).localizedDescription)")
    }
}
