import H20QDedup
import H20QStore

/// The page of a search, in the order of an exhaustive bm25 ranking, without FTS5's `bm25()`.
///
/// FTS5's `bm25()` counts every phrase's matches over the whole table in every statement,
/// then scores every match. Here each phrase's idf is computed once and `h20q_rank` (the same
/// arithmetic, `RankFunction`) scores the matches:
///
/// - A query matching few stories (`exhaustiveMatches`), or any query but a single word,
///   is ranked by one statement over its matches, best first, enough of them for the page.
/// - A single word matching many stories starts from the best postings the block summaries
///   keep (`RankBlocks`), scored exactly, and reads a block in full only while a bound on its
///   other stories could still beat the page: the answer is the exhaustive ranking's, ties
///   by story id as in `ORDER BY rank, rowid`.
///
/// Filtered searches leave out the blocks whose sightings' sources and dates cannot pass.
/// The total is exact when the query matches few stories; past that it is estimated
/// (`estimatedTotal`) and flagged.
package struct RankedPage {
    let expression: String
    let request: SearchRequest
    let filter: StoreReader.SightingFilter
    /// At most this many matching stories are scored whole.
    var exhaustiveMatches = Self.exhaustiveMatches

    /// Above this many matching stories, the blocks' bounds decide what is read.
    package static let exhaustiveMatches = 2_000

    struct Answer {
        var page: [StoreReader.RankedSighting]
        var total: Int
        var totalIsEstimate: Bool
        /// The ids of all the matches, ascending, when they were read.
        var matches: [Int64]? = nil

        /// How many matches lie between the page's first and last story ids, if known: what
        /// one statement over that range would walk to make the page's texts.
        var matchesSpanned: Int? {
            guard let matches, let low = page.map(\.story).min(), let high = page.map(\.story).max() else { return nil }
            return RankedPage.firstIndex(in: matches, atLeast: high + 1)
                - RankedPage.firstIndex(in: matches, atLeast: low)
        }
    }

    /// A range of story ids searched as one, with a bound on its stories' scores not yet known.
    private struct Block {
        var ids: Range<Int64>
        var bound: Double
        var read = false
    }

    func run(_ reader: StoreReader) throws -> Answer {
        let totals = try reader.fullTextTotals()
        guard totals.rows > 0 else { return Answer(page: [], total: 0, totalIsEstimate: false) }
        let phrases = QueryPhrases.parse(expression)
        let words = try phrases.map { try reader.words(of: $0.text) }
        if phrases.allSatisfy({ !$0.isPrefix && $0.columns.isEmpty }), words.first?.count == 1,
            phrases.count == 1 || Self.excludesOnly(phrases, expression),
            try reader.matchCount(expression, limit: exhaustiveMatches + 1) > exhaustiveMatches
        {
            return try oneWord(words[0][0], phrases, totals, reader)
        }
        // Every other query needs the ids of all its matches: their number (whether they are
        // few), a single phrase's idf (its matches are the query's), and the total's sample.
        // It takes them from the ranking pass over every match (`h20q_rank` notes what it
        // scores), or reads them after.
        var ids: [Int64]?
        // Each phrase's idf: a word's count from its summaries. A single phrase's count is its
        // matches', known after the first pass: that pass scores with idf 1, and its scores are
        // multiplied by the idf after (bm25's term is the idf times the rest, the same doubles).
        var idf =
            phrases.count == 1
            ? nil
            : try Self.phraseHits(phrases, words: words, reader).map {
                RankFunction.idf(hits: $0, rows: totals.rows)
            }
        let passing = try passingRuns(reader)
        var lookups = Lookups(filter: filter)
        let wanted = request.offset + request.limit
        // A filter is first applied to the best matches only, as the page is walked: checking
        // it in the ranking statement costs an index lookup for every match. Only when the best
        // matches hold too few that pass is it checked for every match.
        let unfiltered = StoreReader.SightingFilter(source: nil, since: nil, until: nil)
        var ranking = filter.isEmpty ? filter : unfiltered
        var pool = filter.isEmpty ? max(64, wanted * 4) : max(256, wanted * 16)
        while true {
            var ranked: [(story: Int64, rank: Double)] = []
            var complete = true
            // Ranked without the filter, the whole index is one statement; with it, only the
            // runs of blocks that may pass are read, a statement each.
            let runs = ranking.isEmpty ? [nil] : passing
            for run in runs {
                let scoring = idf ?? [1]
                let rank = {
                    try reader.rankedStories(
                        matching: expression, idf: scoring, averageLength: totals.averageLength, limit: pool,
                        filter: ranking, ids: run)
                }
                var part: [(story: Int64, rank: Double)]
                if ids == nil, run == nil, ranking.isEmpty {
                    (part, ids) = try reader.collectingMatches(rank)
                } else {
                    part = try rank()
                }
                if idf == nil {
                    // The single phrase's idf, now that its matches are counted; ties made by the
                    // product are ordered by id as the ranking would.
                    let count = try ids?.count ?? reader.matchCount(expression)
                    let phraseIDF = RankFunction.idf(hits: count, rows: totals.rows)
                    idf = [phraseIDF]
                    part = part.map { ($0.story, $0.rank * phraseIDF) }
                    part.sort { $0.rank < $1.rank || ($0.rank == $1.rank && $0.story < $1.story) }
                }
                complete = complete && part.count < pool
                ranked += part
            }
            if runs.count > 1 {
                ranked.sort { $0.rank < $1.rank || ($0.rank == $1.rank && $0.story < $1.story) }
                ranked = Array(ranked.prefix(pool))
            }
            var walk = Walk(request: request)
            try walk.take(ranked, &lookups, reader)
            if walk.isFull || complete {
                let ids = try ids ?? reader.matchingIDs(expression)
                if ids.count <= exhaustiveMatches {
                    let total = try reader.groupCount(of: ids, filter: filter, byCluster: request.foldsDuplicates)
                    return Answer(page: walk.page, total: total, totalIsEstimate: false, matches: ids)
                }
                let total = try estimatedTotal(reader, matching: ids, atLeast: walk.groups)
                return Answer(page: walk.page, total: total, totalIsEstimate: true, matches: ids)
            }
            if ranking.isEmpty && !filter.isEmpty {
                ranking = filter
                pool = max(64, wanted * 4)
            } else {
                pool *= 4
            }
        }
    }

    /// The ranges of story ids a filtered search must rank: runs of blocks whose sightings'
    /// sources and dates may pass the filter, and the blocks not summarized. Nil (everything)
    /// without a filter.
    private func passingRuns(_ reader: StoreReader) throws -> [Range<Int64>?] {
        guard !filter.isEmpty else { return [nil] }
        let summarized = try reader.summarizedBlocks(filter: filter)
        guard !summarized.isEmpty else { return [nil] }
        let lastBlock = RankBlocks.block(of: try reader.lastStoryID())
        var runs: [Range<Int64>] = []
        for block in 0...lastBlock {
            if summarized[block]?.mayPass == false { continue }
            let ids = Self.ids(of: block)
            if let last = runs.last, last.upperBound == ids.lowerBound {
                runs[runs.count - 1] = last.lowerBound..<ids.upperBound
            } else {
                runs.append(ids)
            }
        }
        // The last run takes in whatever comes after the last block.
        if let last = runs.last, last.upperBound == (lastBlock + 1) * RankBlocks.size {
            runs[runs.count - 1] = last.lowerBound..<Int64.max
        }
        return runs.count == 1 && runs[0].lowerBound == 0 && runs[0].upperBound == Int64.max ? [nil] : runs
    }

    /// The passing sightings of stories, looked up once each.
    private struct Lookups {
        let filter: StoreReader.SightingFilter
        /// For a word with others excluded, the excluded phrases (`"b" OR "c"`): a story that
        /// comes from one of the word's best postings rather than from FTS5 holds the word, and
        /// matches the query unless it matches these. Nil when every story met matches.
        var excluded: String?
        /// Stories FTS5 found matching.
        var matching = Set<Int64>()
        var known: [Int64: (cluster: Int64, ids: [String])?] = [:]

        init(filter: StoreReader.SightingFilter, excluded: String? = nil) {
            self.filter = filter
            self.excluded = excluded
        }

        /// Passing sightings looked up ahead, before any check that the story matches.
        private var fetched: [Int64: (cluster: Int64, ids: [String])?] = [:]

        /// Looks up the passing sightings of those of `stories` not known yet, in one statement.
        mutating func prefetch(_ stories: some Collection<Int64>, _ reader: StoreReader) throws {
            let unknown = stories.filter { known[$0] == nil && fetched[$0] == nil }
            guard unknown.count > 1 else { return }
            let found = try reader.passingSightings(of: unknown, filter: filter)
            for story in unknown { fetched[story] = .some(found[story]) }
        }

        mutating func sightings(of story: Int64, _ reader: StoreReader) throws -> (cluster: Int64, ids: [String])? {
            if let found = known[story] { return found }
            let passing = try fetched[story] ?? reader.passingSightings(of: [story], filter: filter)[story]
            let found = try verified(story, passing, reader)
            known[story] = found
            return found
        }

        /// `found`, unless the story comes from a best posting and does not match the query.
        private func verified(
            _ story: Int64, _ found: (cluster: Int64, ids: [String])?, _ reader: StoreReader
        ) throws -> (cluster: Int64, ids: [String])? {
            // The filter first: it is the cheaper question.
            if found != nil, let excluded, !matching.contains(story), try reader.matches(excluded, story: story) {
                return nil
            }
            return found
        }
    }

    /// Stories taken in rank order, made into the page's groups.
    private struct Walk {
        let request: SearchRequest
        var seen = Set<Int64>()
        var groups = 0
        var page: [StoreReader.RankedSighting] = []

        var isFull: Bool { groups >= request.offset + request.limit }

        /// Takes `ranked` stories in order until the page is full, looking up their sightings a
        /// few dozen at a time.
        mutating func take(
            _ ranked: [(story: Int64, rank: Double)], _ lookups: inout Lookups, _ reader: StoreReader
        ) throws {
            var index = 0
            while index < ranked.count, !isFull {
                let batch = ranked[index..<min(index + Self.lookupBatch, ranked.count)]
                try lookups.prefetch(batch.map(\.story), reader)
                for (story, rank) in batch where try add(story, rank: rank, &lookups, reader) {}
                index = batch.endIndex
            }
        }

        /// Stories whose sightings are looked up together: a page of ten takes a dozen or two.
        static let lookupBatch = 24

        /// Takes the next story in rank order; false once the page is full.
        mutating func add(_ story: Int64, rank: Double, _ lookups: inout Lookups, _ reader: StoreReader) throws -> Bool
        {
            guard !isFull else { return false }
            guard let found = try lookups.sightings(of: story, reader) else { return true }
            if request.foldsDuplicates {
                guard seen.insert(found.cluster).inserted else { return true }
                groups += 1
                if groups > request.offset {
                    page.append(.init(story: story, rank: rank, sighting: found.ids[0], cluster: found.cluster))
                }
            } else {
                for id in found.ids where !isFull {
                    groups += 1
                    if groups > request.offset {
                        page.append(.init(story: story, rank: rank, sighting: id, cluster: found.cluster))
                    }
                }
            }
            return !isFull
        }
    }

    /// Whether `expression` is its first phrase with the others excluded, `"a" NOT "b" NOT "c"`:
    /// its matches are stories of the first phrase, and they score as that phrase alone (an
    /// excluded phrase is in none of them, so its bm25 term is 0).
    static func excludesOnly(_ phrases: [QueryPhrases.Phrase], _ expression: String) -> Bool {
        phrases.count > 1 && expression == phrases.map(\.expression).joined(separator: " NOT ")
    }

    /// A query of one word matching many stories, or one word with others excluded: from the
    /// block summaries' best postings of the word, reading in full only the blocks whose other
    /// stories could still rank. A best posting of a story that an excluded word rules out is
    /// found out, when its turn comes, by asking FTS5 whether the story matches.
    private func oneWord(
        _ word: UInt64, _ phrases: [QueryPhrases.Phrase], _ totals: FullTextTotals, _ reader: StoreReader
    ) throws -> Answer {
        let phrase = phrases[0]
        let averageLength = totals.averageLength
        let summarized = try reader.summarizedBlocks(filter: filter)
        let lastBlock = RankBlocks.block(of: try reader.lastStoryID())
        let entries = Dictionary(
            uniqueKeysWithValues: try reader.blockEntries(of: word, blocks: summarized).map { ($0.block, $0) })
        let hits = try Self.hits(of: phrase, counts: entries.mapValues(\.stories), lastBlock: lastBlock, reader)
        let idf = RankFunction.idf(hits: hits, rows: totals.rows)
        // Excluded phrases: no match holds one, whatever their idf.
        let idfs = [idf] + Array(repeating: 0, count: phrases.count - 1)

        var candidates: [Int64: Double] = [:]
        var blocks: [Block] = []
        for block in 0...lastBlock {
            let ids = Self.ids(of: block)
            guard let info = summarized[block] else {
                blocks.append(Block(ids: ids, bound: .infinity))
                continue
            }
            // None of its sightings can pass the filter: nothing to read.
            guard info.mayPass else { continue }
            guard let entry = entries[block] else {
                // In fewer than `minimumStories` of the block's stories, if any.
                blocks.append(Block(ids: ids, bound: idf * (RankFunction.k1 + 1)))
                continue
            }
            for posting in entry.best {
                candidates[posting.story] =
                    -1.0
                    * RankFunction.term(
                        idf: idf, frequency: Double(posting.frequency), length: Double(posting.length),
                        averageLength: averageLength)
            }
            let rest = entry.rest == 0 ? 0 : idf * entry.restBound(averageLength: averageLength)
            blocks.append(Block(ids: ids, bound: rest, read: rest == 0))
        }

        // One phrase to look for is cheaper than the whole query.
        let excluded = phrases.dropFirst().map(\.expression).joined(separator: " OR ")
        var lookups = Lookups(filter: filter, excluded: phrases.count > 1 ? excluded : nil)
        while true {
            let unread = blocks.indices.filter { !blocks[$0].read }
            let ceiling = unread.map { blocks[$0].bound }.max() ?? -.infinity
            // The candidates no unread block can beat, in rank order.
            let ordered = candidates.filter { -$0.value > ceiling }
                .sorted { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }
            var walk = Walk(request: request)
            try walk.take(ordered.map { ($0.key, $0.value) }, &lookups, reader)
            if walk.isFull || unread.isEmpty {
                let span = try passingSpan(
                    phrase, hits: hits, entries: entries, blocks: summarized, lastBlock: lastBlock, reader)
                let total = try estimatedTotal(
                    reader, matches: span?.matches ?? hits, of: phrase.expression, atLeast: walk.groups,
                    blocks: summarized, runs: span?.runs)
                return Answer(page: walk.page, total: total, totalIsEstimate: true)
            }
            // Read the blocks that could hold better stories, highest bound first.
            // The blocks not summarized first, all at once (their bound is unknown); then one by one.
            let unbounded = unread.filter { blocks[$0].bound.isInfinite }
            let next =
                unbounded.isEmpty
                ? Array(unread.sorted(by: { blocks[$0].bound > blocks[$1].bound }).prefix(1)) : unbounded
            for index in next {
                for scored in try reader.rankedStories(
                    matching: expression, idf: idfs, averageLength: averageLength, filter: filter,
                    ids: blocks[index].ids)
                {
                    candidates[scored.story] = scored.rank
                    lookups.matching.insert(scored.story)
                }
                blocks[index].read = true
            }
        }
    }

    /// The stories holding `phrase`, a word with the block `entries` the summaries keep of it:
    /// counted by the summaries where they have it and by FTS5 in the other blocks, or by FTS5
    /// alone when more than a few blocks lack it (a statement each would cost more).
    private static func hits(
        of phrase: QueryPhrases.Phrase, counts: [Int64: Int], lastBlock: Int64, _ reader: StoreReader
    ) throws -> Int {
        let missing = (0...lastBlock).filter { counts[$0] == nil }
        guard missing.count <= 4 else { return try reader.matchCount(phrase.expression) }
        var hits = counts.values.reduce(0, +)
        for block in missing { hits += try reader.matchCount(phrase.expression, ids: Self.ids(of: block)) }
        return hits
    }

    /// Each phrase's idf: a word's from its block summaries when they hold it in nearly every
    /// block, any other phrase's from FTS5's count of its matches.
    private static func phraseHits(
        _ phrases: [QueryPhrases.Phrase], words: [[UInt64]], _ reader: StoreReader
    ) throws -> [Int] {
        var lastBlock: Int64?
        return try zip(phrases, words).map { phrase, words in
            guard words.count == 1, !phrase.isPrefix, phrase.columns.isEmpty,
                let counts = try reader.blockCounts(of: words[0])
            else {
                return try reader.matchCount(phrase.expression)
            }
            if lastBlock == nil { lastBlock = RankBlocks.block(of: try reader.lastStoryID()) }
            return try hits(of: phrase, counts: counts, lastBlock: lastBlock ?? 0, reader)
        }
    }

    private static func ids(of block: Int64) -> Range<Int64> {
        block * RankBlocks.size..<(block + 1) * RankBlocks.size
    }

    /// The best bm25 term (idf 1) a summarized word can have in its block now.
    private static func best(_ entry: RankBlocks.Entry, averageLength: Double) -> Double {
        var best = entry.restBound(averageLength: averageLength)
        for posting in entry.best {
            best = max(
                best,
                RankFunction.term(
                    idf: 1, frequency: Double(posting.frequency), length: Double(posting.length),
                    averageLength: averageLength))
        }
        return best
    }

    /// Groups in all, estimated from the `matches` of `counted` (the query, or the word of a
    /// word with others excluded): the ratio of the query's groups passing the filter to the
    /// matches of `counted`, in sixteen slices of story ids spread over the index, wide enough
    /// together to hold about `sampled` matches (never below the groups already met).
    ///
    /// A slice wholly inside blocks whose sightings cannot pass the filter (`blocks`) holds no
    /// group: only its matches are counted there.
    ///
    /// `runs` (all ids when nil) are where the slices go, and `matches` are the matches of
    /// `counted` in them.
    private func estimatedTotal(
        _ reader: StoreReader, matches: Int, of counted: String? = nil, atLeast met: Int,
        blocks: [Int64: RankBlocks.BlockInfo] = [:], runs: [Range<Int64>]? = nil
    ) throws -> Int {
        var seen = 0
        var groups = 0
        let runs = try runs ?? [0..<reader.lastStoryID()]
        for ids in Self.slices(over: runs, matches: matches) where !ids.isEmpty {
            let blocksOfSlice = RankBlocks.block(of: ids.lowerBound)...RankBlocks.block(of: ids.upperBound - 1)
            if !filter.isEmpty, blocksOfSlice.allSatisfy({ blocks[$0]?.mayPass == false }) {
                seen += try reader.matchCount(counted ?? expression, ids: ids)
                continue
            }
            let sample = try reader.groupSample(
                matching: expression, counting: counted == expression ? nil : counted, ids: ids, filter: filter,
                byCluster: request.foldsDuplicates)
            seen += sample.matches
            groups += sample.groups
        }
        let estimate = seen == 0 ? 0 : Double(matches) * Double(groups) / Double(seen)
        return max(Self.rounded(estimate), met)
    }

    /// The same estimate from the ids of all the query's matches (in order), for a query that
    /// FTS5 answers with more work per statement than a word (several words, a phrase, a
    /// prefix): one pass gives the ids, and the slices' groups are read by story id.
    private func estimatedTotal(_ reader: StoreReader, matching ids: [Int64], atLeast met: Int) throws -> Int {
        let samples = Self.slices(over: [0..<(try reader.lastStoryID())], matches: ids.count).map { slice in
            Array(
                ids[
                    Self.firstIndex(
                        in: ids, atLeast: slice.lowerBound)..<Self.firstIndex(in: ids, atLeast: slice.upperBound)])
        }
        let seen = samples.reduce(0) { $0 + $1.count }
        let groups = try reader.groupCounts(of: samples, filter: filter, byCluster: request.foldsDuplicates).reduce(
            0, +)
        let estimate = seen == 0 ? 0 : Double(ids.count) * Double(groups) / Double(seen)
        return max(Self.rounded(estimate), met)
    }

    /// Where `value` would go in the ascending `ids`: the first index holding `value` or more.
    static func firstIndex(in ids: [Int64], atLeast value: Int64) -> Int {
        var (low, high) = (0, ids.count)
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Sixteen ranges of story ids spread evenly over `runs` (ascending, apart), wide enough
    /// together to hold about 800 of `matches` spread evenly. With several runs a slice stays
    /// inside the run its middle falls in.
    private static func slices(over runs: [Range<Int64>], matches: Int) -> [Range<Int64>] {
        let slices = 16
        let sampled = 800
        let length = runs.reduce(Int64(0)) { $0 + Int64($1.count) }
        let width = max(128, length * Int64(sampled) / Int64(max(matches, 1) * slices))
        var ranges: [Range<Int64>] = []
        var low = runs.first?.lowerBound ?? 0
        for slice in 0..<slices {
            // The slice's middle, counted along the runs.
            var offset = length * Int64(2 * slice + 1) / Int64(2 * slices)
            var run = runs.last ?? 0..<0
            for candidate in runs {
                if offset < Int64(candidate.count) {
                    run = candidate
                    break
                }
                offset -= Int64(candidate.count)
            }
            let center = run.lowerBound + offset
            var start = max(low, center - width / 2)
            var end = start + width
            if runs.count > 1 {
                start = max(start, run.lowerBound)
                end = max(start, min(end, run.upperBound))
            }
            low = max(low, end)
            ranges.append(start..<end)
        }
        return ranges
    }

    /// For a one-word search under a filter, the runs of story ids of the blocks whose
    /// sightings may pass and the word's matches in them: the slices of its estimate go there
    /// only (no group lies elsewhere). Nil when no block is ruled out, or when counting the
    /// word in the ruled-out blocks would take more than a few statements.
    private func passingSpan(
        _ phrase: QueryPhrases.Phrase, hits: Int, entries: [Int64: RankBlocks.Entry],
        blocks: [Int64: RankBlocks.BlockInfo], lastBlock: Int64, _ reader: StoreReader
    ) throws -> (runs: [Range<Int64>], matches: Int)? {
        guard !filter.isEmpty else { return nil }
        let ruledOut = (0...lastBlock).filter { blocks[$0]?.mayPass == false }
        guard !ruledOut.isEmpty, ruledOut.filter({ entries[$0] == nil }).count <= 8 else { return nil }
        var outside = 0
        for block in ruledOut {
            outside += try entries[block]?.stories ?? reader.matchCount(phrase.expression, ids: Self.ids(of: block))
        }
        let end = try reader.lastStoryID() + 1
        var runs: [Range<Int64>] = []
        for block in 0...lastBlock where blocks[block]?.mayPass != false {
            let ids = Self.ids(of: block)
            let clipped = ids.lowerBound..<max(ids.lowerBound, min(ids.upperBound, end))
            if let previous = runs.last, previous.upperBound == clipped.lowerBound {
                runs[runs.count - 1] = previous.lowerBound..<clipped.upperBound
            } else {
                runs.append(clipped)
            }
        }
        return (runs, max(0, hits - outside))
    }

    /// Two significant digits: 12,345 -> 12,000.
    static func rounded(_ value: Double) -> Int {
        guard value >= 100 else { return Int(value.rounded()) }
        var scale = 1.0
        while value / scale >= 100 { scale *= 10 }
        return Int((value / scale).rounded() * scale)
    }
}
