import GRDB

/// A story's words as the ranking counts them: each distinct token of the full-text tokenizer
/// (`RankBlocks.word`) with its weighted frequency (title `RankFunction.titleWeight`, body 1),
/// and the story's length in tokens.
///
/// An ingest counts them on its reading thread for each story of a batch, so that the writer
/// summarizes a block of stories (`RankBlocks`) from `BlockTerms` instead of reading the
/// block's texts back and tokenizing them again, which had been a fifth of its time.
struct StoryTerms: Sendable, Equatable {
    var words: [UInt64]
    var counts: [Int32]
    var length: Int
    /// The tokens themselves, for the full-text insert, when recorded.
    var tokens: TokenRecording?

    /// Counts `title` and `body` with `tokenizer`; `counter` is reused from story to story.
    /// With a `recorder`, the tokens are kept too (`tokens`).
    init(
        title: String, body: String, tokenizer: any FTS5Tokenizer, counter: TokenCounter,
        recorder: TokenRecorder? = nil
    ) throws {
        counter.reset()
        counter.weight = Int(RankFunction.titleWeight)
        try counter.count(title, tokenizer, recorder: recorder)
        let titleTokens = recorder?.finish()
        counter.weight = 1
        try counter.count(body, tokenizer, recorder: recorder)
        if let titleTokens, let bodyTokens = recorder?.finish() {
            tokens = TokenRecording(
                title: titleTokens, body: bodyTokens, titleLength: title.utf8.count, bodyLength: body.utf8.count)
        }
        var words: [UInt64] = []
        var counts: [Int32] = []
        words.reserveCapacity(counter.distinct)
        counts.reserveCapacity(counter.distinct)
        counter.forEachWord { word, count in
            words.append(word)
            counts.append(Int32(clamping: count))
        }
        self.words = words
        self.counts = counts
        self.length = counter.tokens
    }
}

/// The counted words of the stories one writing session stored, by block, until their block
/// is complete and summarized. A story whose text changes is dropped, and a block is taken
/// from here only if every story it holds is known: otherwise it is summarized from the index.
/// Nothing outlives the session, so nothing rolled back is ever taken.
final class BlockTerms {
    private var blocks: [Int64: [Int64: StoryTerms]] = [:]

    func add(_ story: Int64, _ terms: StoryTerms) {
        var terms = terms
        terms.tokens = nil  // stored by now; the block's summary needs the counts alone
        blocks[RankBlocks.block(of: story), default: [:]][story] = terms
    }

    /// `story`'s text changed, or it is gone.
    func drop(_ story: Int64) {
        blocks[RankBlocks.block(of: story)]?[story] = nil
    }

    /// The terms of each story of `ids` (the stories of `block`, in order) if all are
    /// known; the block is forgotten either way, as it is summarized now.
    func take(block: Int64, ids: [Int64]) -> [StoryTerms]? {
        guard let known = blocks.removeValue(forKey: block), known.count >= ids.count else { return nil }
        var terms: [StoryTerms] = []
        terms.reserveCapacity(ids.count)
        for id in ids {
            guard let counted = known[id] else { return nil }
            terms.append(counted)
        }
        return terms
    }

    /// Stories whose terms are kept.
    var count: Int { blocks.values.reduce(0) { $0 + $1.count } }
}
