import GRDB

/// Tells whether anyone committed to the index since it was last asked: SQLite's
/// `PRAGMA data_version` on a connection of its own. The number is a property of one
/// connection, so the readers of a pool cannot compare theirs; this one only ever asks.
///
///     let monitor = try DataVersionMonitor(location)
///     let before = try monitor.current()   // an ingest commits...
///     try monitor.current() != before      -> true
package final class DataVersionMonitor: Sendable {
    private let queue: DatabaseQueue

    package init(_ location: IndexLocation) throws(StoreError) {
        do {
            var configuration = StoryStore.makeConfiguration()
            configuration.readonly = true
            queue = try DatabaseQueue(path: location.databasePath, configuration: configuration)
        } catch {
            throw StoreError.wrapping(error, doing: "cannot open index \(location)")
        }
    }

    /// The current data version; it differs from an earlier answer when another connection
    /// has committed in between.
    package func current() throws(StoreError) -> Int {
        do {
            return try queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        } catch {
            throw StoreError.wrapping(error, doing: "cannot read the index's data version")
        }
    }
}
