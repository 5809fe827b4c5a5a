import Foundation
import GRDB
import H20QFixtures
import Synchronization
import Testing

@testable import H20QDedup
@testable import H20QInput
@testable import H20QStore

/// A block of stories (`RankBlocks`) is summarized from the words the reading thread counted
/// for its stories when the writing session stored them all, else from their texts: the two
/// must write the same summary.
struct BlockSummaryTests {
    /// Each block's rows of `term_summary` and `rank_block`, comparable across summaries.
    private func summaries(_ store: StoryStore) throws -> [String] {
        try store.reading("summaries") { reader in
            let terms = try Row.fetchAll(
                reader.db, sql: "SELECT term, block, stories, hex(postings) FROM term_summary ORDER BY block, term")
            let blocks = try Row.fetchAll(reader.db, sql: "SELECT * FROM rank_block ORDER BY block")
            return (terms + blocks).map(\.description)
        }
    }

    /// Stores `stories` in batches as an ingest does: each batch's snapshot read on another
    /// thread (where the words are counted), then stored, then committed. Without
    /// `countedWords` the writer is given no counted words.
    private func ingestInBatches(_ stories: [AnalyzedStory], into store: StoryStore, countedWords: Bool) throws
        -> WriteWork
    {
        var work = WriteWork()
        try store.writingBatches { writer in
            var pending = PendingStories()
            for (number, start) in stride(from: 0, to: stories.count, by: 700).enumerated() {
                let batch = Array(stories[start..<min(start + 700, stories.count)])
                for story in batch { pending.add(id: story.story.id, textHash: story.fingerprint.textHash) }
                let sent = pending
                var snapshot = try onAnotherThread {
                    try store.snapshot(for: batch, committedBatches: number, pending: sent)
                }
                #expect(snapshot.storyTerms.count == batch.count)
                if !countedWords { snapshot.storyTerms = [] }
                _ = try writer.ingest(batch, snapshot: &snapshot)
                try writer.commit()
                pending.endBatch(committed: number + 1)
                work.blocksFromCountedWords += snapshot.work.blocksFromCountedWords
                work.blocksFromTexts += snapshot.work.blocksFromTexts
            }
        }
        return work
    }

    @Test func blocksSummarizedFromCountedWordsAreThoseSummarizedFromTheirTexts() throws {
        let stories = syntheticCorpus(seed: 5, originals: 3_600)
        let (counted, read) = (try TestIndex(), try TestIndex())
        let fingerprinter = Fingerprinter(parameters: counted.store.parameters)
        let analyzed = stories.map {
            AnalyzedStory(story: $0, fingerprint: fingerprinter.fingerprint(title: $0.title, body: $0.body))
        }
        let fromCounted = try ingestInBatches(analyzed, into: counted.store, countedWords: true)
        let fromTexts = try ingestInBatches(analyzed, into: read.store, countedWords: false)
        let complete =
            try counted.store.reading("stories") { reader in
                try Int64.fetchOne(reader.db, sql: "SELECT max(id) FROM story")! + 1
            } / RankBlocks.size
        #expect(complete >= 2)
        #expect(fromCounted.blocksFromCountedWords == Int(complete))
        #expect(fromCounted.blocksFromTexts == 0)
        #expect(fromTexts.blocksFromCountedWords == 0)
        #expect(fromTexts.blocksFromTexts == Int(complete))
        let summarized = try summaries(counted.store)
        #expect(summarized.count > 100)
        #expect(summarized == (try summaries(read.store)))

        // Run again, the stories are all stored: none of their words is counted.
        let again = Array(analyzed.prefix(300))
        let rerun = try counted.store.snapshot(for: again, committedBatches: 0, pending: .single(again))
        #expect(rerun.storyTerms.count == again.count)
        #expect(rerun.storyTerms.allSatisfy { $0 == nil })
    }

    /// A block one of whose stories the session did not count (stored before it, or its
    /// text replaced since) is summarized from the texts.
    @Test func aBlockWithAStoryNotCountedIsSummarizedFromItsTexts() throws {
        let index = try TestIndex()
        try index.ingest(syntheticCorpus(seed: 9, originals: 1_900))
        let store = index.store
        try store.write("summaries") { db in
            let tokenizer = try db.makeTokenizer(RankBlocks.tokenizer)
            let counter = TokenCounter()
            func counted() throws -> BlockTerms {
                let terms = BlockTerms()
                for row in try Row.fetchAll(
                    db, sql: "SELECT id, title, body FROM story WHERE id < ?", arguments: [RankBlocks.size])
                {
                    terms.add(
                        row[0], try StoryTerms(title: row[1], body: row[2], tokenizer: tokenizer, counter: counter))
                }
                return terms
            }
            func rows() throws -> [Row] {
                try Row.fetchAll(db, sql: "SELECT * FROM term_summary WHERE block = 0 ORDER BY term")
                    + Row.fetchAll(db, sql: "SELECT * FROM rank_block WHERE block = 0")
            }
            let whole = try counted()
            #expect(try RankBlocks.summarize([0], cached: whole, db) == (1, 0))
            #expect(whole.count == 0, "a block summarized is forgotten")
            let fromCounted = try rows()
            #expect(fromCounted.count > 100)
            let partial = try counted()
            partial.drop(5)
            #expect(try RankBlocks.summarize([0], cached: partial, db) == (0, 1))
            #expect(try rows() == fromCounted)
        }
    }
}

/// Runs `body` on a thread of its own and waits for it: a reading connection is not taken
/// on the thread that holds the writer.
func onAnotherThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
    let result = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        let outcome = Result { try body() }
        result.withLock { $0 = outcome }
        done.signal()
    }
    done.wait()
    return try result.withLock { $0! }.get()
}
