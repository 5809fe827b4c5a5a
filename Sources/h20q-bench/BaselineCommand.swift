import ArgumentParser
import Foundation
import GRDB
import H20QIngest
import H20QInput
import H20QSearch
import H20QStore

/// Reads stories with h20q's own readers and inserts title and body into a bare FTS5 table
/// with h20q's tokenizer, in transactions of the same size as h20q's: the least any full-text
/// index of the same input must do.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline", abstract: "Insert stories into a bare FTS5 table; print seconds taken.")

    @Option(help: "SQLite file to create (replaced if present).")
    var database: String

    @Option(help: "Stories per transaction (h20q's own batch size by default).")
    var batchSize = Ingester.defaultBatchSize

    @Argument(help: "Input files or folders.")
    var paths: [String]

    func run() throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let start = ContinuousClock.now
        var configuration = Configuration()
        configuration.prepareDatabase { db in
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
        for file in InputFiles.expand(paths, format: nil).files {
            file.read { event, _ in
                guard case .story(let story) = event, failure == nil else { return }
                pending.append(story)
                count += 1
                if pending.count >= batchSize {
                    do { try flush() } catch { failure = error }
                }
            }
        }
        if let failure { throw failure }
        try flush()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "%d %.4f", count, seconds))
    }
}
