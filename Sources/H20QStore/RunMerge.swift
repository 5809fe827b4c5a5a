import GRDB
import H20QInput

/// The entries of several runs in key order, duplicates once, read a page at a time per run.
final class RunMerge: Sequence, IteratorProtocol {
    private struct Cursor {
        let run: Int64
        var page: [PostingEntry]
        var index = 0
        var lastFirstKey: Int64
    }

    private let db: Database
    private let nextPage: Statement
    private var cursors: [Cursor] = []
    private var previous: PostingEntry?
    /// A read that failed mid-merge; the merge then ends early and the caller throws it.
    private(set) var failure: (any Error)?

    init(runs: [Int64], _ db: Database) throws {
        self.db = db
        nextPage = try db.makeStatement(
            sql:
                "SELECT first_key, entries FROM posting_page WHERE run = ? AND first_key > ? ORDER BY first_key LIMIT 1"
        )
        for run in runs {
            if let cursor = try fetch(run: run, after: .min) { cursors.append(cursor) }
        }
    }

    private func fetch(run: Int64, after key: Int64) throws -> Cursor? {
        guard let row = try Row.fetchOne(nextPage, arguments: [run, key]) else { return nil }
        let page = PostingPage(row[1]).entries
        return page.isEmpty ? try fetch(run: run, after: row[0]) : Cursor(run: run, page: page, lastFirstKey: row[0])
    }

    func next() -> PostingEntry? {
        // The cursors worked on as a local array, moved out and back: each access to the
        // class's own array costs a dynamic exclusivity check, and the comparisons below touch
        // it several times an entry (13% of a merge's samples).
        var cursors: [Cursor] = []
        swap(&cursors, &self.cursors)
        defer { swap(&cursors, &self.cursors) }
        while failure == nil {
            guard !cursors.isEmpty else { return nil }
            var smallest = 0
            var least = cursors[0].page[cursors[0].index]
            for index in cursors.indices.dropFirst() where cursors[index].page[cursors[index].index] < least {
                smallest = index
                least = cursors[index].page[cursors[index].index]
            }
            cursors[smallest].index += 1
            if cursors[smallest].index == cursors[smallest].page.count {
                do {
                    if let following = try fetch(run: cursors[smallest].run, after: cursors[smallest].lastFirstKey) {
                        cursors[smallest] = following
                    } else {
                        cursors.remove(at: smallest)
                    }
                } catch {
                    failure = error
                    return nil
                }
            }
            if least != previous {
                previous = least
                return least
            }
        }
        return nil
    }
}
