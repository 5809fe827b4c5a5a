import GRDB
import Synchronization

/// What `h20q_rank` keeps for one reading connection (its FTS5 user data): the stories'
/// lengths in memory, and the ids of the matches it scores while a search collects them, so
/// that a search needs no second pass over its matches to count them and sample its total.
///
///     let ids = try reader.collectingMatches { try reader.rankedStories(...) }.ids
package final class RankContext: Sendable {
    package let lengths = StoryLengths()
    /// The ids scored since collecting began, ascending (nil when not collecting), and whether
    /// one came out of order (then they are not used).
    private let collected = Mutex<(ids: [Int64], inOrder: Bool)?>(nil)
    /// The connection's handle, as a number: how `StoreReader` finds the connection's context.
    private let connection: UInt

    private init(connection: UInt) {
        self.connection = connection
    }

    private static let byConnection = Mutex<[UInt: RankContext]>([:])

    /// A new context for the connection `handle`, found by `of(_:)` until it closes.
    static func register(connection handle: SQLiteConnection?) -> RankContext {
        let key = key(handle)
        let context = RankContext(connection: key)
        byConnection.withLock { $0[key] = context }
        return context
    }

    func unregister() {
        _ = Self.byConnection.withLock { $0.removeValue(forKey: connection) }
    }

    /// The context of the connection `db`, if it reads.
    static func of(_ db: Database) -> RankContext? {
        let key = key(db.sqliteConnection)
        return byConnection.withLock { $0[key] }
    }

    private static func key(_ handle: SQLiteConnection?) -> UInt {
        UInt(bitPattern: handle.map { Int(bitPattern: UnsafeRawPointer($0)) } ?? 0)
    }

    /// The story `h20q_rank` is scoring: noted when collecting (once, however often it is
    /// scored); its length when the lengths in memory know it.
    func scoring(_ story: Int64) -> Int32? {
        collected.withLock { collected in
            guard collected != nil else { return }
            if let last = collected!.ids.last, story <= last {
                if story < last { collected!.inOrder = false }
            } else {
                collected!.ids.append(story)
            }
        }
        return lengths.length(of: story)
    }

    /// Runs `body` noting every story `h20q_rank` scores, in order; the ids are nil if they
    /// came out of order (FTS5 gives matches by ascending id unless asked otherwise).
    func collecting<T>(_ body: () throws -> T) rethrows -> (value: T, ids: [Int64]?) {
        collected.withLock { $0 = ([], true) }
        defer { collected.withLock { $0 = nil } }
        let value = try body()
        let ids = collected.withLock { $0.flatMap { $0.inOrder ? $0.ids : nil } }
        return (value, ids)
    }
}
