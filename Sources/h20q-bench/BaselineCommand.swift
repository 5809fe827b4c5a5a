import ArgumentParser
import Foundation
import GRDB
import H20QIngest
import H20QInput
import H20QStore

/// Inserts title and body of the stories h20q's own readers read into a bare FTS5 table with
/// h20q's tokenizer: the least any full-text index of the same input must do.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Insert stories into a bare FTS5 table; print stories and seconds.",
        discussion: """
            By default through SQLite's C API (BareFTSTable): one prepared statement, text bound \
            without a copy, one transaction, no journal, 64 KiB pages, SQLite's memory statistics \
            off, the stories read on a thread of their own as h20q reads them. With \
            --transaction-size, through GRDB with an argument array per row, committing every N \
            stories on one thread, in h20q's page size.
            """)

    @Option(help: "SQLite file to create (replaced if present).")
    var database: String

    @Option(help: ArgumentHelp("Insert through GRDB, committing every N stories (h20q's batch: 1024).", valueName: "n"))
    var transactionSize: Int?

    @Flag(help: "Draw the count of stories inserted on standard error after each batch, as h20q ingest does.")
    var progress = false

    @Argument(help: "Input files or folders.")
    var paths: [String]

    func validate() throws {
        if let transactionSize, transactionSize < 1 {
            throw ValidationError("--transaction-size must be at least 1 (got \(transactionSize))")
        }
    }

    func run() throws {
        // SQLite set up as h20q sets it up (no memory statistics): the baseline gets every
        // process-wide advantage h20q has.
        _ = StoryStore.processSettings
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: database + suffix)
        }
        let start = ContinuousClock.now
        let files = InputFiles.expand(paths, format: nil).files
        let count = try transactionSize.map { try insertThroughGRDB(files, transactionSize: $0) } ?? insertBare(files)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "%d %.4f", count, seconds))
    }

    private func insertBare(_ files: [InputFile]) throws -> Int {
        var count = 0
        // Closed (and its pages written) before the clock stops.
        try {
            let table = try BareFTSTable(path: database)
            for batch in ReadAhead(files) {
                for story in batch { try table.insert(title: story.title, body: story.body) }
                count += batch.count
                if progress { drawProgress(count) }
            }
            try table.commit()
        }()
        return count
    }

    /// The baseline as it was first written: what a GRDB program does without care for speed.
    private func insertThroughGRDB(_ files: [InputFile], transactionSize: Int) throws -> Int {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // h20q's page size: the file laid out as h20q's.
            try db.execute(sql: "PRAGMA page_size = \(StoryStore.pageSize)")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        let pool = try DatabasePool(path: database, configuration: configuration)
        try pool.write { db in
            try db.execute(
                sql:
                    "CREATE VIRTUAL TABLE story USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')"
            )
        }
        var pending = [IncomingStory]()
        var count = 0
        func flush() throws {
            let stories = pending
            pending.removeAll(keepingCapacity: true)
            try pool.write { db in
                let insert = try db.cachedStatement(sql: "INSERT INTO story (title, body) VALUES (?, ?)")
                for story in stories { try insert.execute(arguments: [story.title, story.body]) }
            }
        }
        var failure: (any Error)?
        for file in files {
            file.read { event, _ in
                guard case .story(let story) = event, failure == nil else { return }
                pending.append(story)
                count += 1
                if pending.count >= transactionSize {
                    do { try flush() } catch { failure = error }
                    if progress { drawProgress(count) }
                }
            }
        }
        if let failure { throw failure }
        try flush()
        return count
    }

    /// "N stories, inserted" over the line before, in the form `Scripts/bench-scale` reads from
    /// h20q's progress.
    private func drawProgress(_ count: Int) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(count) stories, inserted".utf8))
    }
}
