import Foundation
import GRDB
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput
@testable import H20QStore

/// The full-text insert hands FTS5 the tokens the reading thread recorded when it counted a
/// story's words (`TokenRecording`), instead of tokenizing the text again: the index must be
/// the one SQLite's porter tokenizer makes of the same texts.
struct TokenReplayTests {
    /// Every token of the full-text index: word, story, column, position.
    private func instances(_ store: StoryStore) throws -> [String] {
        try store.write("instances") { db in
            try db.execute(
                sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.instance USING fts5vocab(main, story_fts, instance)")
            return try String.fetchAll(
                db, sql: "SELECT term || ' ' || doc || ' ' || col || ' ' || offset FROM temp.instance")
        }
    }

    /// FTS5's own check: the index against the tokens of the stored texts, tokenized again.
    private func checkIntegrity(_ db: Database, table: String) throws {
        try db.execute(sql: "INSERT INTO \(table) (\(table), rank) VALUES ('integrity-check', 1)")
    }

    /// Stores `stories` in batches as an ingest does (each snapshot, where words are counted and
    /// tokens recorded, read on another thread); without `replaying` the recordings are dropped.
    /// Returns the texts the writer's connection replayed and tokenized meanwhile.
    private func ingest(_ stories: [AnalyzedStory], into store: StoryStore, replaying: Bool) throws -> (
        replayed: Int, tokenized: Int
    ) {
        try store.writingBatches { writer in
            let before = TokenRecording.counts
            var pending = PendingStories()
            for (number, start) in stride(from: 0, to: stories.count, by: 500).enumerated() {
                let batch = Array(stories[start..<min(start + 500, stories.count)])
                for story in batch { pending.add(id: story.story.id, textHash: story.fingerprint.textHash) }
                let sent = pending
                var snapshot = try onAnotherThread {
                    try store.snapshot(for: batch, committedBatches: number, pending: sent)
                }
                if !replaying {
                    snapshot.storyTerms = snapshot.storyTerms.map { terms in
                        terms.map {
                            var terms = $0
                            terms.tokens = nil
                            return terms
                        }
                    }
                }
                _ = try writer.ingest(batch, snapshot: &snapshot)
                try writer.commit()
                pending.endBatch(committed: number + 1)
            }
            let after = TokenRecording.counts
            return (after.replayed - before.replayed, after.tokenized - before.tokenized)
        }
    }

    @Test func theIndexMadeFromRecordedTokensIsTheOneTheTokenizerMakes() throws {
        let written = [
            story(
                "accents", "Zelenskiy à Genève: l'Élysée répond",
                "Naïve café owners in Zürich—and Kraków—said “no”, 3.5% of 1,200 (Reuters) ..."),
            story("no-title", "", "A body with no title, ending without a stop"),
            story(
                "stems", "Running runners ran",
                "Connections connected connecting; generously generalized generalizations."),
        ]
        let stories = written + syntheticCorpus(seed: 21, originals: 900)
        let (replayedIndex, tokenizedIndex) = (try TestIndex(), try TestIndex())
        let fingerprinter = Fingerprinter(parameters: replayedIndex.store.parameters)
        let analyzed = stories.map {
            AnalyzedStory(story: $0, fingerprint: fingerprinter.fingerprint(title: $0.title, body: $0.body))
        }
        let replayed = try ingest(analyzed, into: replayedIndex.store, replaying: true)
        let tokenized = try ingest(analyzed, into: tokenizedIndex.store, replaying: false)

        let stored = try replayedIndex.store.reading("stories") { reader in
            try Int.fetchOne(reader.db, sql: "SELECT count(*) FROM story")!
        }
        #expect(stored > 900)
        // Every new story's title and body replayed; the writer tokenized nothing itself.
        #expect(replayed == (2 * stored, 0))
        #expect(tokenized == (0, 2 * stored))
        try replayedIndex.store.write("check") { db in try checkIntegrity(db, table: "story_fts") }
        let tokens = try instances(replayedIndex.store)
        #expect(tokens.count > 100_000)
        #expect(tokens == (try instances(tokenizedIndex.store)))
    }

    /// The stand-in replays a recording for the text queued with it only, a recording for
    /// texts of other lengths is not queued, and a wrong recording makes an index FTS5's
    /// integrity check rejects: the check above can fail.
    @Test func aRecordingIsReplayedForTheTextsQueuedWithItOnly() throws {
        let queue = try DatabaseQueue(configuration: StoryStore.makeConfiguration())
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE doc (id INTEGER PRIMARY KEY, title TEXT, body TEXT);
                    CREATE VIRTUAL TABLE doc_fts USING fts5(
                        title, body, content='doc', content_rowid='id',
                        tokenize='porter unicode61 remove_diacritics 2');
                    """)
            let tokenizer = try db.makeTokenizer(RankBlocks.tokenizer)
            let (counter, recorder) = (TokenCounter(), TokenRecorder())
            func recording(_ text: (String, String)) throws -> TokenRecording {
                try #require(
                    try StoryTerms(
                        title: text.0, body: text.1, tokenizer: tokenizer, counter: counter, recorder: recorder
                    )
                    .tokens)
            }
            /// Inserts `text` with `tokens` queued for `queued` (by default, for `text` itself).
            func insert(_ id: Int, _ text: (String, String), _ tokens: TokenRecording, queued: (String, String)? = nil)
                throws -> (replayed: Int, tokenized: Int)
            {
                let before = TokenRecording.counts
                let arguments: StatementArguments = [id, text.0, text.1]
                try db.execute(sql: "INSERT INTO doc (id, title, body) VALUES (?, ?, ?)", arguments: arguments)
                try tokens.replaying(title: (queued ?? text).0, body: (queued ?? text).1) {
                    try db.execute(
                        sql: "INSERT INTO doc_fts (rowid, title, body) VALUES (?, ?, ?)", arguments: arguments)
                }
                let after = TokenRecording.counts
                return (after.replayed - before.replayed, after.tokenized - before.tokenized)
            }
            let mayor = ("Mayors' meetings", "The mayor met striking workers on Tuesday in Göteborg.")
            let port = ("Port strike", "Dockers walked out at the port of Antwerp.")
            #expect(try insert(1, mayor, try recording(mayor)) == (2, 0))
            // FTS5 given other texts than those queued: tokenized.
            #expect(try insert(2, port, try recording(mayor), queued: mayor) == (0, 2))
            // A recording of texts of other lengths is not queued.
            #expect(try insert(3, port, try recording(mayor)) == (0, 2))
            try db.execute(sql: "INSERT INTO doc_fts (doc_fts, rank) VALUES ('integrity-check', 1)")

            // A recording of other words of the same lengths: replayed, and the index is wrong.
            let wrong = ("Port talks.", "Dockers voted for a strike in Rotterdam...")
            #expect(wrong.0.utf8.count == port.0.utf8.count && wrong.1.utf8.count == port.1.utf8.count)
            #expect(try insert(4, port, try recording(wrong)) == (2, 0))
            #expect(throws: (any Error).self) {
                try db.execute(sql: "INSERT INTO doc_fts (doc_fts, rank) VALUES ('integrity-check', 1)")
            }
        }
    }
}
