import Foundation
import GRDB
import GRDBSQLite

/// Score bounds over blocks of stories, so that a search for a common word ranks a few
/// hundred stories instead of all that match.
///
/// Stories are cut into blocks of `size` consecutive ids. For each complete block and each
/// word (a token of the full-text tokenizer) in at least `minimumStories` of its stories,
/// the `term_summary` table keeps how many stories have it and its best few postings: story,
/// weighted frequency (title 3, body 1) and story length, the numbers bm25 needs, and a bound
/// on the word's bm25 term in the block's other stories. The ranked search scores those
/// postings exactly and takes a block's other stories into account only when the bound says
/// they could still rank (`Search`).
///
///     term_summary (span, term, block) -> stories, best postings, bound on the rest
///     rank_block   block -> average story length the bounds were computed with, and the
///                  sources and the range of dates of its stories' sightings
///
/// The sources and dates let a filtered search skip the blocks none of whose sightings can
/// pass. They are widened as sightings arrive (an exact copy adds a sighting to a story of an
/// old block) and narrowed only when the block is summarized again: wider is still right.
///
/// The writer summarizes a block again, whole, at the end of every batch that added, changed
/// or removed one of its stories, once the block is complete (its last id was given out). The
/// stories after the last complete block are few and are always searched directly.
///
/// Summaries are keyed by span (`spanBlocks` blocks) before the word: a block's few thousand
/// rows go into its span's part of the table, a few megabytes the writer's page cache holds,
/// where keyed by word first they went to as many pages scattered over the whole table (at a
/// million stories, 4,500 of its 56,000 pages read and written again for every block). A
/// search reads a word's rows with one lookup a span.
package enum RankBlocks {
    /// Stories per block.
    package static let size: Int64 = 2_048
    /// A word in fewer stories of a block is not summarized there.
    package static let minimumStories = 8
    /// Postings kept per word and block.
    package static let kept = 8

    package static func block(of story: Int64) -> Int64 { story / size }

    /// Blocks per span: the first part of a summary's key. Fixed, as the block size is: the
    /// rows of an index are keyed by it.
    static let spanBlocks: Int64 = 8

    static func span(of block: Int64) -> Int64 { block / spanBlocks }

    /// The tokenizer of `story_fts`, as FTS5 runs it on documents.
    static let tokenizer = FTS5TokenizerDescriptor(components: ["porter", "unicode61", "remove_diacritics", "2"])

    /// A posting of a word in a block: the story, the word's weighted frequency in it and the
    /// story's length in tokens.
    package struct Posting: Sendable, Equatable {
        package var story: Int64
        package var frequency: Int
        package var length: Int
    }

    /// What `term_summary` says of one word in one block.
    package struct Entry: Sendable {
        package var block: Int64
        /// Stories of the block with the word.
        package var stories: Int
        /// The best postings, by bm25 term at `averageLength`.
        package var best: [Posting]
        /// The highest bm25 term (idf 1) among the other stories, at `averageLength`; 0 when
        /// `best` holds them all.
        package var rest: Double
        package var averageLength: Double

        /// A bound on the word's bm25 term (idf 1) in the stories not in `best`, at the
        /// average length `now`: a term grows with the average length at most in proportion.
        package func restBound(averageLength now: Double) -> Double {
            rest * max(1, now / averageLength)
        }
    }

    // MARK: Writing

    /// Summarizes again the complete blocks among `blocks`, from the words `cached` counted
    /// for a block whose every story it holds, else from the stories' texts. Returns how
    /// many blocks were summarized each way.
    @discardableResult
    static func summarize(_ blocks: Set<Int64>, cached: BlockTerms? = nil, _ db: Database) throws -> (
        fromCountedWords: Int, fromTexts: Int
    ) {
        guard !blocks.isEmpty else { return (0, 0) }
        let lastID = try lastGivenID(db)
        let complete = blocks.filter { ($0 + 1) * size - 1 <= lastID }.sorted()
        guard !complete.isEmpty else { return (0, 0) }
        let averageLength = try averageStoryLength(db)
        let tokenizer = try db.makeTokenizer(Self.tokenizer)
        let counter = TokenCounter()
        var fromCountedWords = 0
        for block in complete {
            if try summarize(
                block, averageLength: averageLength, tokenizer: tokenizer, counter: counter, cached: cached, db)
            {
                fromCountedWords += 1
            }
        }
        return (fromCountedWords, complete.count - fromCountedWords)
    }

    /// Summarizes every complete block (a new index table, or one from before the tables).
    static func summarizeAll(_ db: Database) throws {
        let blocks = (try lastGivenID(db) + 1) / size
        guard blocks > 0 else { return }
        try summarize(Set(0..<blocks), db)
    }

    /// The highest story id given out so far, removed or not: a block is complete once its
    /// last id is.
    private static func lastGivenID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'story'") ?? 0
    }

    /// The average story length in tokens, as bm25 computes it.
    static func averageStoryLength(_ db: Database) throws -> Double {
        let totals = try FullTextTotals.read(db)
        return totals.rows == 0 ? 1 : totals.averageLength
    }

    private static func summarize(
        _ block: Int64, averageLength: Double, tokenizer: any FTS5Tokenizer, counter: TokenCounter,
        cached: BlockTerms?, _ db: Database
    ) throws -> Bool {
        try db.execute(sql: "DELETE FROM term_summary WHERE block = ?", arguments: [block])
        // First pass: every story's words and weighted counts, in id order, and how many
        // stories have each word. Only the words in `minimumStories` or more get a summary,
        // a tenth to a fifth of them: the second pass keeps best postings for those alone,
        // in flat arrays rather than a dictionary of arrays.
        let base = block * size
        let storiesWith = TokenCounter()
        var stories: [(offset: Int, length: Int, end: Int)] = []
        var words: [UInt64] = []
        var counts: [Int32] = []
        func take(_ story: Int64, _ terms: StoryTerms) {
            for (word, count) in zip(terms.words, terms.counts) {
                words.append(word)
                counts.append(count)
                storiesWith.add(word)
            }
            stories.append((Int(story - base), terms.length, words.count))
        }
        var known: (ids: [Int64], terms: [StoryTerms])?
        if let cached {
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM story WHERE id >= ? AND id < ? ORDER BY id", arguments: [base, base + size])
            known = cached.take(block: block, ids: ids).map { (ids, $0) }
        }
        if let known {
            // Sized once: grown by doubling, the block's words would take up to twice the room.
            let total = known.terms.reduce(0) { $0 + $1.words.count }
            words.reserveCapacity(total)
            counts.reserveCapacity(total)
            for (story, terms) in zip(known.ids, known.terms) { take(story, terms) }
        } else {
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, title, body FROM story WHERE id >= ? AND id < ? ORDER BY id",
                arguments: [base, base + size])
            while let row = try rows.next() {
                take(row[0], try StoryTerms(title: row[1], body: row[2], tokenizer: tokenizer, counter: counter))
            }
        }

        // A dense number for each summarized word, by its slot in `storiesWith`.
        var dense = [Int32](repeating: -1, count: storiesWith.capacity)
        var summarized: [UInt64] = []
        storiesWith.forEachSlot { slot, word, count in
            guard count >= minimumStories else { return }
            dense[slot] = Int32(summarized.count)
            summarized.append(word)
        }
        var best = BestPostings(words: summarized.count)
        var start = 0
        for story in stories {
            for index in start..<story.end {
                let number = dense[storiesWith.slot(of: words[index])]
                guard number >= 0 else { continue }
                let posting = Posting(
                    story: base + Int64(story.offset), frequency: Int(counts[index]), length: story.length)
                let impact = RankFunction.term(
                    idf: 1, frequency: Double(posting.frequency), length: Double(posting.length),
                    averageLength: averageLength)
                best.add(posting, impact: impact, word: Int(number))
            }
            start = story.end
        }

        let insert = try db.cachedStatement(
            sql: "INSERT INTO term_summary (span, term, block, stories, postings) VALUES (?, ?, ?, ?, ?)")
        // In key order: one pass over the span's pages.
        let order = summarized.indices.sorted { Int64(bitPattern: summarized[$0]) < Int64(bitPattern: summarized[$1]) }
        for number in order {
            let word = summarized[number]
            try insert.run(
                .integer(span(of: block)), .integer(Int64(bitPattern: word)), .integer(block),
                .integer(Int64(storiesWith.count(of: word))), .blob(best.encoded(word: number, base: base)))
        }
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO rank_block (block, average_length, sources, earliest, latest)
                SELECT :block, :averageLength,
                       (SELECT json_group_array(source) FROM (
                           SELECT DISTINCT source FROM sighting
                           WHERE story >= :low AND story < :high AND source IS NOT NULL)),
                       min(published), max(published)
                FROM sighting WHERE story >= :low AND story < :high
                """,
            arguments: [
                "block": block, "averageLength": averageLength, "low": base, "high": base + size,
            ])
        return known != nil
    }

    /// Widens the sources and dates of a summarized `block` to take in a sighting with
    /// `fields` (nothing to do for a block not summarized yet: its summary will read them).
    /// The fields come from the caller: reading the sighting back in the statement cost 50 us
    /// a story inside an ingest's transaction, as much as the rest of the writing.
    static func widen(block: Int64, for fields: SightingFields, _ db: Database) throws {
        guard fields.source != nil || fields.published != nil else { return }
        let statement = try db.cachedStatement(
            sql: """
                UPDATE rank_block SET
                    sources = CASE WHEN :source IS NULL
                                     OR EXISTS (SELECT 1 FROM json_each(rank_block.sources) WHERE value = :source)
                                   THEN sources ELSE json_insert(sources, '$[#]', :source) END,
                    earliest = CASE WHEN :published IS NOT NULL AND (earliest IS NULL OR :published < earliest)
                                    THEN :published ELSE earliest END,
                    latest = CASE WHEN :published IS NOT NULL AND (latest IS NULL OR :published > latest)
                                  THEN :published ELSE latest END
                WHERE block = :block
                """)
        try statement.execute(arguments: ["source": fields.source, "published": fields.published, "block": block])
    }

    /// What a summarized block says of itself, for one search.
    package struct BlockInfo: Sendable {
        package var averageLength: Double
        /// Whether a sighting of the block may pass the search's filter (its sources and
        /// range of dates allow it).
        package var mayPass: Bool
    }

    /// The best `kept` postings of each summarized word of a block, by impact, and the highest
    /// impact among the others: flat arrays, `kept` slots a word.
    private struct BestPostings {
        private var postings: [Posting]
        private var impacts: [Double]
        private var filled: [Int]
        private var rest: [Double]

        init(words: Int) {
            postings = Array(repeating: Posting(story: 0, frequency: 0, length: 0), count: words * kept)
            impacts = Array(repeating: 0, count: words * kept)
            filled = Array(repeating: 0, count: words)
            rest = Array(repeating: 0, count: words)
        }

        mutating func add(_ posting: Posting, impact: Double, word: Int) {
            let first = word * kept
            if filled[word] < kept {
                postings[first + filled[word]] = posting
                impacts[first + filled[word]] = impact
                filled[word] += 1
                return
            }
            // Stories come in id order: on equal impact the earlier one stays.
            var worst = first
            for slot in (first + 1)..<(first + kept) where impacts[slot] < impacts[worst] { worst = slot }
            if impact > impacts[worst] {
                rest[word] = max(rest[word], impacts[worst])
                postings[worst] = posting
                impacts[worst] = impact
            } else {
                rest[word] = max(rest[word], impact)
            }
        }

        /// `postings`: the rest bound (a double), then per posting the story's offset in the
        /// block (2 bytes), the frequency (2 bytes) and the length (4 bytes), little-endian.
        func encoded(word: Int, base: Int64) -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(8 + 8 * filled[word])
            func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
            append(rest[word].bitPattern)
            for posting in postings[(word * kept)..<(word * kept + filled[word])] {
                append(UInt16(posting.story - base))
                append(UInt16(min(posting.frequency, Int(UInt16.max))))
                append(UInt32(min(posting.length, Int(UInt32.max))))
            }
            return bytes
        }
    }

    static func decode(block: Int64, stories: Int, postings data: Data, averageLength: Double) -> Entry {
        let base = block * size
        return data.withUnsafeBytes { bytes in
            let rest = Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self)))
            var best: [Posting] = []
            var offset = 8
            while offset + 8 <= bytes.count {
                let story = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
                let frequency = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 2, as: UInt16.self))
                let length = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
                best.append(Posting(story: base + Int64(story), frequency: Int(frequency), length: Int(length)))
                offset += 8
            }
            return Entry(block: block, stories: stories, best: best, rest: rest, averageLength: averageLength)
        }
    }

    /// The word a token of the full-text tokenizer is in `term_summary`.
    package static func word(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The words of `text` as the full-text tokenizer splits it, in order.
    package static func words(of text: String, _ db: Database) throws -> [UInt64] {
        let counter = TokenCounter()
        counter.keepsOrder = true
        try counter.count(text, try db.makeTokenizer(tokenizer))
        return counter.order
    }
}

/// Counts the tokens of texts run through an FTS5 tokenizer, by word: an open-addressing
/// table keyed by the word's hash (already well mixed), cleared between stories by the slots
/// it used.
final class TokenCounter {
    // Raw buffers: the tokenizer's callback runs for every token, and the exclusivity checks
    // of class-held arrays cost more than the counting.
    private var keys: UnsafeMutablePointer<UInt64>
    private var counts: UnsafeMutablePointer<Int>
    private var used: UnsafeMutablePointer<Int>
    private var usedCount = 0
    private var mask: Int
    var tokens = 0
    var weight = 1
    var keepsOrder = false
    var order: [UInt64] = []

    init() {
        mask = (1 << 12) - 1
        keys = .allocate(capacity: mask + 1)
        keys.initialize(repeating: 0, count: mask + 1)
        counts = .allocate(capacity: mask + 1)
        counts.initialize(repeating: 0, count: mask + 1)
        used = .allocate(capacity: mask + 1)
    }

    deinit {
        keys.deallocate()
        counts.deallocate()
        used.deallocate()
    }

    /// Distinct words counted since the last reset.
    var distinct: Int { usedCount }

    /// The words counted since the last reset, with their weighted counts.
    var frequencies: [(word: UInt64, count: Int)] { (0..<usedCount).map { (keys[used[$0]], counts[used[$0]]) } }

    /// Slots in the table: a slot number is below it, and stays a word's until the table grows.
    var capacity: Int { mask + 1 }

    /// Each word counted since the last reset, with its weighted count, in first-seen order.
    @inline(__always)
    func forEachWord(_ body: (UInt64, Int) -> Void) {
        for index in 0..<usedCount { body(keys[used[index]], counts[used[index]]) }
    }

    /// Each word with its slot and count, in first-seen order.
    func forEachSlot(_ body: (Int, UInt64, Int) -> Void) {
        for index in 0..<usedCount { body(used[index], keys[used[index]], counts[used[index]]) }
    }

    /// The slot of a word counted since the last reset.
    @inline(__always)
    func slot(of word: UInt64) -> Int {
        let word = word == 0 ? 1 : word
        var slot = Int(truncatingIfNeeded: word) & mask
        while keys[slot] != word { slot = (slot + 1) & mask }
        return slot
    }

    /// The count of a word counted since the last reset.
    func count(of word: UInt64) -> Int { counts[slot(of: word)] }

    func reset() {
        for index in 0..<usedCount {
            keys[used[index]] = 0
            counts[used[index]] = 0
        }
        usedCount = 0
        tokens = 0
    }

    @inline(__always)
    func add(_ word: UInt64) {
        let word = word == 0 ? 1 : word
        tokens += 1
        if keepsOrder { order.append(word) }
        var slot = Int(truncatingIfNeeded: word) & mask
        while true {
            let key = keys[slot]
            if key == word {
                counts[slot] += weight
                return
            }
            if key == 0 {
                keys[slot] = word
                counts[slot] = weight
                used[usedCount] = slot
                usedCount += 1
                if usedCount * 2 > mask { grow() }
                return
            }
            slot = (slot + 1) & mask
        }
    }

    private func grow() {
        let old = frequencies
        keys.deallocate()
        counts.deallocate()
        used.deallocate()
        mask = (mask + 1) * 2 - 1
        keys = .allocate(capacity: mask + 1)
        keys.initialize(repeating: 0, count: mask + 1)
        counts = .allocate(capacity: mask + 1)
        counts.initialize(repeating: 0, count: mask + 1)
        used = .allocate(capacity: mask + 1)
        usedCount = 0
        for (word, count) in old {
            var slot = Int(truncatingIfNeeded: word) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = word
            counts[slot] = count
            used[usedCount] = slot
            usedCount += 1
        }
    }

    /// Counts the tokens of `text`; with a `recorder`, records them too (`TokenRecording`).
    func count(_ text: String, _ tokenizer: any FTS5Tokenizer, recorder: TokenRecorder? = nil) throws {
        var text = text
        recorder?.begin()
        // Unowned references for the callback, which runs for every token: no reference
        // counting there. Both outlive the call.
        var context = TokenContext(counter: self, recorder: recorder)
        let code = text.withUTF8 { utf8 -> CInt in
            guard let base = utf8.baseAddress, !utf8.isEmpty else { return SQLITE_OK }
            return withExtendedLifetime((self, recorder)) {
                withUnsafeMutablePointer(to: &context) { context in
                    tokenizer.tokenize(
                        context: UnsafeMutableRawPointer(context), tokenization: .document,
                        pText: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), nText: CInt(utf8.count),
                        tokenCallback: { context, flags, token, length, start, end in
                            guard let context, let token else { return SQLITE_OK }
                            let target = context.assumingMemoryBound(to: TokenContext.self)
                            let bytes = UnsafeRawBufferPointer(start: token, count: Int(length))
                            target.pointee.counter.add(RankBlocks.word(bytes))
                            if let recorder = target.pointee.recorder {
                                recorder.append(
                                    bytes, colocated: flags & FTS5_TOKEN_COLOCATED != 0, start: Int(start),
                                    end: Int(end))
                            }
                            return SQLITE_OK
                        })
                }
            }
        }
        guard code == SQLITE_OK else { throw StoreError(.database, "the full-text tokenizer failed (\(code))") }
    }
}

/// What the tokenizer's callback in `TokenCounter.count` works on.
private struct TokenContext {
    unowned(unsafe) let counter: TokenCounter
    unowned(unsafe) let recorder: TokenRecorder?
}

/// The full-text index's row count and total tokens, from FTS5's own record of them.
package struct FullTextTotals: Sendable {
    package var rows: Int
    package var tokens: Int
    package var averageLength: Double { rows == 0 ? 0 : Double(tokens) / Double(rows) }

    /// FTS5 keeps them in its data table at rowid 1: the row count, then each column's
    /// total, as SQLite varints.
    static func read(_ db: Database) throws -> FullTextTotals {
        guard let data = try Data.fetchOne(db, sql: "SELECT block FROM story_fts_data WHERE id = 1") else {
            return FullTextTotals(rows: 0, tokens: 0)
        }
        var offset = 0
        func varint() -> UInt64 {
            var value: UInt64 = 0
            for index in 0..<9 {
                guard offset < data.count else { return value }
                let byte = data[data.startIndex + offset]
                offset += 1
                if index == 8 { return value << 8 | UInt64(byte) }
                value = value << 7 | UInt64(byte & 0x7f)
                if byte & 0x80 == 0 { return value }
            }
            return value
        }
        let rows = Int(varint())
        var tokens = 0
        while offset < data.count { tokens += Int(varint()) }
        return FullTextTotals(rows: rows, tokens: tokens)
    }
}
