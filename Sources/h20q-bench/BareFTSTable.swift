import GRDBSQLite

/// SQLite copies bound text when given this destructor.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A bare FTS5 table of title and body with h20q's tokenizer, written through SQLite's C API
/// alone: one prepared statement, the text bound in place (`SQLITE_STATIC`) from the strings
/// the readers made, everything in one transaction, no journal, 64 KiB pages. The fastest
/// insert of the same text into the same full-text index this machine does (FTS5's `hashsize`
/// set to 64 MB).
///
///     let table = try BareFTSTable(path: "bare.sqlite")
///     try table.insert(title: "Wheat harvest beats forecasts", body: "...")
///     try table.commit()
final class BareFTSTable {
    private var connection: OpaquePointer?
    private var statement: OpaquePointer?

    init(path: String) throws(BaselineError) {
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK else {
            throw BaselineError("cannot open \(path): \(String(cString: sqlite3_errmsg(connection)))")
        }
        for sql in [
            // The largest page SQLite has: the fastest here of 4, 16, 32 and 64 KiB (100,000
            // generated stories: 64 KiB 7.9 s, 32 KiB 8.1 to 8.7 s, 4 KiB 8.9 to 10.3 s).
            "PRAGMA page_size = 65536",
            // Nothing to roll back to in a table made from scratch, and nothing to wait for.
            "PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA locking_mode = EXCLUSIVE",
            "PRAGMA cache_size = -65536",
            "CREATE VIRTUAL TABLE story USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')",
            // Terms are buffered up to 64 MB before FTS5 writes a segment (1 MB by default): fewer
            // segments to merge. It took a quarter or more off the CPU time on 100,000 stories.
            "INSERT INTO story (story, rank) VALUES ('hashsize', 67108864)",
            "BEGIN",
        ] {
            try execute(sql)
        }
        let insert = "INSERT INTO story (title, body) VALUES (?, ?)"
        guard
            sqlite3_prepare_v3(connection, insert, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK
        else { throw failure(insert) }
    }

    deinit {
        sqlite3_finalize(statement)
        sqlite3_close_v2(connection)
    }

    func insert(title: String, body: String) throws(BaselineError) {
        var title = title
        var body = body
        // Native strings hand out their own bytes: bound without a copy, valid until the step.
        let status = title.withUTF8 { title in
            body.withUTF8 { body in
                bind(1, title)
                bind(2, body)
                defer { sqlite3_reset(statement) }
                return sqlite3_step(statement)
            }
        }
        guard status == SQLITE_DONE else { throw failure("insert") }
    }

    func commit() throws(BaselineError) {
        try execute("COMMIT")
    }

    /// `SQLITE_STATIC` (a nil destructor): SQLite reads the bytes where they are. An empty
    /// text may have no address: SQLite copies its nothing.
    private func bind(_ index: Int32, _ text: UnsafeBufferPointer<UInt8>) {
        if let bytes = text.baseAddress, !text.isEmpty {
            sqlite3_bind_text(statement, index, bytes, Int32(text.count), nil)
        } else {
            sqlite3_bind_text(statement, index, "", 0, transient)
        }
    }

    private func execute(_ sql: String) throws(BaselineError) {
        guard sqlite3_exec(connection, sql, nil, nil, nil) == SQLITE_OK else { throw failure(sql) }
    }

    private func failure(_ what: String) -> BaselineError {
        BaselineError("\(what): \(String(cString: sqlite3_errmsg(connection)))")
    }
}

/// What went wrong in a baseline run, in SQLite's words.
struct BaselineError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
