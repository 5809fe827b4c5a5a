import GRDB

/// Where each page of a run starts: the pages' first keys, ascending, with their row ids. Kept
/// with the run's filter (`RunFilters`), it takes a lookup straight to the one page that may
/// hold a key, read by row id, instead of through the index of pages by run and first key:
/// at a million stories that index's leaves (some 1,300 pages) did not stay in a reading
/// thread's page cache, and cost a page read a probe.
struct PageDirectory: Sendable {
    private var firstKeys: [Int64] = []
    private var ids: [Int64] = []

    init() {}

    /// Pages in key order, as a run is written.
    mutating func append(firstKey: Int64, id: Int64) {
        precondition(firstKeys.last.map { $0 < firstKey } ?? true, "pages must come in key order")
        firstKeys.append(firstKey)
        ids.append(id)
    }

    /// The page whose range may hold `key`: the last one starting at or before it; nil if the
    /// run starts after it.
    func page(for key: Int64) -> Int64? {
        var low = 0
        var high = firstKeys.count
        while low < high {
            let middle = (low + high) / 2
            if firstKeys[middle] <= key { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : ids[low - 1]
    }

    var count: Int { ids.count }

    /// The directory of run `run` as `db` holds it.
    static func read(run: Int64, _ db: Database) throws -> PageDirectory {
        var directory = PageDirectory()
        let rows = try Row.fetchCursor(
            db, sql: "SELECT first_key, id FROM posting_page WHERE run = ? ORDER BY first_key", arguments: [run])
        while let row = try rows.next() { directory.append(firstKey: row[0], id: row[1]) }
        return directory
    }
}
