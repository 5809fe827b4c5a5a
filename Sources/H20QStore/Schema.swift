import Foundation
import GRDB
import H20QDedup
import H20QInput

/// The index's tables, created and upgraded by a `DatabaseMigrator`. Story ids are never
/// reused (AUTOINCREMENT), so a reference to a removed story can always be told from a
/// reference to a new one.
///
///     story            one row per distinct text: title, body, text hash, cluster label
///     story_fts        FTS5 over story(title, body), external content
///     sighting         every id ever ingested -> the story it is a copy of
///     posting_run      candidate keys (LSH bands of short stories, containment samples of
///     posting_page     long ones) and text hashes: sorted runs of postings with Bloom filters
///                      (PostingRuns)
///     sample_tags      story -> its sampled shingles in 16 bits each (SampleTags)
///     term_summary     score bounds over blocks of stories (RankBlocks)
///     rank_block       block -> average length, its sightings' sources and dates
///     index_info       parameters fixed at creation
enum Schema {
    static func migrator(parameters: DedupParameters) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE index_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                    CREATE TABLE story (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        title TEXT NOT NULL,
                        body TEXT NOT NULL,
                        text_hash INTEGER NOT NULL,
                        cluster INTEGER,
                        shingle_count INTEGER NOT NULL
                    );
                    CREATE INDEX story_by_text_hash ON story(text_hash);
                    CREATE INDEX story_by_cluster ON story(cluster) WHERE cluster IS NOT NULL;
                    CREATE TABLE sighting (
                        id TEXT PRIMARY KEY,
                        story INTEGER NOT NULL,
                        source TEXT,
                        url TEXT,
                        published TEXT,
                        metadata TEXT,
                        origin TEXT NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX sighting_by_story ON sighting(story);
                    CREATE TABLE posting_run (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind INTEGER NOT NULL,
                        level INTEGER NOT NULL,
                        entries INTEGER NOT NULL,
                        filter BLOB NOT NULL
                    );
                    CREATE INDEX posting_run_by_level ON posting_run(kind, level);
                    CREATE TABLE posting_page (
                        id INTEGER PRIMARY KEY,
                        run INTEGER NOT NULL,
                        first_key INTEGER NOT NULL,
                        entries BLOB NOT NULL
                    );
                    CREATE INDEX posting_page_by_key ON posting_page(run, first_key);
                    CREATE VIRTUAL TABLE story_fts USING fts5(
                        title, body, content='story', content_rowid='id',
                        tokenize='porter unicode61 remove_diacritics 2'
                    );
                    """)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = String(decoding: try encoder.encode(parameters), as: UTF8.self)
            try db.execute(
                sql: "INSERT INTO index_info (key, value) VALUES ('parameters', ?), ('created', ?), ('version', ?)",
                arguments: [
                    json, PublishedDate(secondsSince1970: Int64(Date().timeIntervalSince1970)).text, H20Q.version,
                ])
        }
        migrator.registerMigration("v2: a copy's own text, the story's wording") { db in
            // Whether a copy's own title and body changed since it was ingested
            // (`AnalyzedStory.ownText`), and whose wording a story shows: exact copies differ
            // in case and punctuation, and re-ingesting them must not swap the wording back
            // and forth.
            try db.execute(
                sql: """
                    ALTER TABLE sighting ADD COLUMN own_text INTEGER;
                    ALTER TABLE story ADD COLUMN wording TEXT;
                    """)
        }
        migrator.registerMigration("v3: same-story pairs and compilations") { db in
            // The pairs clusters are computed from (`ClusterGraph`), and which stories are
            // compilations (digests holding several stories, which must not glue them).
            try db.execute(
                sql: """
                    CREATE TABLE story_pair (
                        a INTEGER NOT NULL,
                        b INTEGER NOT NULL,
                        shared INTEGER NOT NULL,
                        container INTEGER,
                        PRIMARY KEY (a, b)
                    ) WITHOUT ROWID;
                    CREATE INDEX story_pair_by_b ON story_pair(b);
                    CREATE INDEX story_pair_by_container ON story_pair(container) WHERE container IS NOT NULL;
                    ALTER TABLE story ADD COLUMN compilation INTEGER NOT NULL DEFAULT 0;
                    """)
            // An index made before: its clusters are computed again, pairs found as ingest finds them.
            let clustered = try Int64.fetchSet(db, sql: "SELECT id FROM story WHERE cluster IS NOT NULL")
            if !clustered.isEmpty {
                let stored = try Schema.parameters(db)
                var work = WriteWork()
                _ = try Clusters.recompute(
                    seeds: clustered, parameters: stored, fingerprinter: Fingerprinter(parameters: stored),
                    filters: RunFilters(), work: &work, db)
            }
        }
        migrator.registerMigration("v4: watched sources") { db in
            // Folders and files `h20q reindex` scans, what each file looked like when it was
            // last read (size, modification time in nanoseconds, content identity: NULL until
            // its stories are committed), and which file each sighting came from.
            try db.execute(
                sql: """
                    CREATE TABLE source (
                        id INTEGER PRIMARY KEY,
                        path TEXT NOT NULL UNIQUE,
                        format TEXT
                    );
                    CREATE TABLE source_file (
                        id INTEGER PRIMARY KEY,
                        source INTEGER NOT NULL,
                        path TEXT NOT NULL UNIQUE,
                        size INTEGER,
                        mtime INTEGER,
                        content INTEGER
                    );
                    CREATE INDEX source_file_by_source ON source_file(source);
                    ALTER TABLE sighting ADD COLUMN file INTEGER;
                    CREATE INDEX sighting_by_file ON sighting(file) WHERE file IS NOT NULL;
                    """)
            // Merge full-text segments 8 at a time as they pile up (FTS5's default is 4): a
            // reindex every minute writes small batches, and `optimize` merges them all now and
            // then. Fewer merges on the way keep each cron run short.
            try db.execute(sql: "INSERT INTO story_fts (story_fts, rank) VALUES ('automerge', 8)")
        }
        migrator.registerMigration("v5: score bounds over blocks of stories") { db in
            // See `RankBlocks`: the best postings of each word in each block of 2,048 stories,
            // and a bound on the rest, so that a search for a common word ranks few stories.
            try db.execute(
                sql: """
                    CREATE TABLE term_block (
                        term INTEGER NOT NULL,
                        block INTEGER NOT NULL,
                        stories INTEGER NOT NULL,
                        postings BLOB NOT NULL,
                        PRIMARY KEY (term, block)
                    ) WITHOUT ROWID;
                    CREATE INDEX term_block_by_block ON term_block(block);
                    CREATE TABLE rank_block (
                        block INTEGER PRIMARY KEY,
                        average_length REAL NOT NULL,
                        sources TEXT NOT NULL,
                        earliest TEXT,
                        latest TEXT
                    );
                    """)
            // A story's cluster and size without reading its row: the row holds the text first, and a
            // column after a long text is reached only through its overflow pages.
            try db.execute(sql: "CREATE INDEX story_label ON story(id, cluster, shingle_count)")
            // Summarized by v7, into the table that replaced `term_block`.
        }
        migrator.registerMigration("v6: sightings' source and date in the story index") { db in
            // A filtered search asks of each match whether one of its story's sightings passes.
            // With the source and date in the index, that is one index lookup instead of an
            // index lookup and a row read (a `NOT` with `--source` at 200,000 stories: 126 ms
            // to 37 ms). The table's key, the sighting id, is in the index already.
            try db.execute(
                sql: """
                    DROP INDEX sighting_by_story;
                    CREATE INDEX sighting_by_story ON sighting(story, source COLLATE NOCASE, published);
                    """)
        }
        migrator.registerMigration("v7: block summaries keyed by span of blocks first") { db in
            // A block's summaries went to pages all over `term_block` (keyed by word first), and
            // at a million stories most of those pages had to be read back and written again for
            // every block. Keyed by span first, they go to a few megabytes at the end of the
            // table (see `RankBlocks`).
            try db.execute(
                sql: """
                    CREATE TABLE term_summary (
                        span INTEGER NOT NULL,
                        term INTEGER NOT NULL,
                        block INTEGER NOT NULL,
                        stories INTEGER NOT NULL,
                        postings BLOB NOT NULL,
                        PRIMARY KEY (span, term, block)
                    ) WITHOUT ROWID;
                    CREATE INDEX term_summary_by_block ON term_summary(block);
                    """)
            // A span at a time, each sorted on its own: sorted whole, the rows of a million
            // stories took 370 MB.
            let lastBlock = try Int64.fetchOne(db, sql: "SELECT max(block) FROM term_block") ?? -1
            let copy = try db.makeStatement(
                sql: """
                    INSERT INTO term_summary (span, term, block, stories, postings)
                    SELECT :span, term, block, stories, postings FROM term_block
                    WHERE block >= :first AND block < :end ORDER BY term, block
                    """)
            if lastBlock >= 0 {
                for span in 0...RankBlocks.span(of: lastBlock) {
                    let first = span * RankBlocks.spanBlocks
                    try copy.execute(arguments: ["span": span, "first": first, "end": first + RankBlocks.spanBlocks])
                }
            }
            try db.execute(sql: "DROP TABLE term_block")
            // An index from before v5 has no summaries yet.
            if try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM rank_block)") ?? false) {
                try RankBlocks.summarizeAll(db)
            }
        }
        migrator.registerMigration("v8: sample tags") { db in
            // Which sampled shingles each story holds, in 16 bits each (`SampleTags`): a new
            // story's stock phrases are not posted, and without them a candidate that might hold
            // enough of them had its text read and shingled again to find out.
            try db.execute(sql: "CREATE TABLE sample_tags (story INTEGER PRIMARY KEY, tags BLOB NOT NULL)")
            let stored = try Schema.parameters(db)
            let fingerprinter = Fingerprinter(parameters: stored)
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, title, body FROM story WHERE shingle_count >= ?", arguments: [stored.sampledFrom])
            while let row = try rows.next() {
                let fingerprint = fingerprinter.fingerprint(title: row[1], body: row[2])
                try SampleTags.write(story: row[0], sampleKeys: fingerprint.sampleKeys, db)
            }
        }
        migrator.registerMigration("v9: text hashes in runs") { db in
            // Hashes of whole texts as runs of postings, like the candidate keys: the index on
            // story(text_hash) took a random page per new story, rewritten by most commits
            // (at a million stories, 44% of what the log wrote).
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM story") ?? 0
            // Read from that index, in its order.
            let rows = try Row.fetchCursor(db, sql: "SELECT text_hash, id FROM story ORDER BY text_hash, id")
            try PostingRuns.build(.texts, rows: rows, count: count, batchEntries: 1024, filters: RunFilters(), db)
            try db.execute(sql: "DROP INDEX story_by_text_hash")
            // An h20q from before would still store stories here, without their texts in the
            // runs, and later copies of them would go unnoticed: it cannot, as it does not
            // know the function this calls (nor refuse a newer index by itself). On the runs,
            // which every batch that stores a new story writes, not on the stories: a trigger
            // on `story` made its inserts 2.4 times as slow.
            try db.execute(
                sql: """
                    CREATE TRIGGER posting_run_texts_in_runs BEFORE INSERT ON posting_run
                    BEGIN SELECT \(textsInRuns.name)(); END
                    """)
        }
        return migrator
    }

    /// Called by a trigger on every new run of postings (schema v9): known only to an h20q that
    /// keeps text hashes in runs, which every writer since registers.
    static let textsInRuns = DatabaseFunction("h20q_texts_in_runs", argumentCount: 0, pure: true) { _ in nil }

    static func parameters(_ db: Database) throws -> DedupParameters {
        guard let json = try String.fetchOne(db, sql: "SELECT value FROM index_info WHERE key = 'parameters'") else {
            throw StoreError(.incompatible, "not an h20q index (no parameters recorded)")
        }
        let parameters: DedupParameters
        do {
            parameters = try JSONDecoder().decode(DedupParameters.self, from: Data(json.utf8))
        } catch {
            throw StoreError(
                .incompatible, "index parameters not understood (an index of another h20q version, or damaged)")
        }
        if let problem = parameters.problem {
            throw StoreError(.incompatible, "index parameters make no sense (\(problem)): damaged index?")
        }
        return parameters
    }

    static func info(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM index_info WHERE key = ?", arguments: [key])
    }
}
