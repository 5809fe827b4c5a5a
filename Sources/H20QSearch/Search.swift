import H20QDedup
import H20QInput
import H20QStore

/// How a search finds its page.
package enum SearchPlan: Sendable {
    /// From score bounds over blocks of stories (`RankedPage`): what searches use. Queries
    /// matching at most `scoringWhole` stories are scored whole.
    case ranked(scoringWhole: Int = RankedPage.exhaustiveMatches)
    /// By FTS5's own bm25 over every match: the reference the ranked plan must agree with.
    case exhaustive
}

/// One search against one snapshot of the index: the page of hits in rank order, folded
/// by cluster unless the request says otherwise, with each hit's snippet and duplicates.
struct Search {
    let expression: String
    let request: SearchRequest
    let similarity: SimilarityCache
    var plan = SearchPlan.ranked()

    var filter: StoreReader.SightingFilter {
        StoreReader.SightingFilter(source: request.source, since: request.since, until: request.until)
    }

    func run(_ reader: StoreReader) throws -> SearchResults {
        switch plan {
        case .ranked(let scoringWhole):
            let answer = try reader.usingStoryLengths {
                try RankedPage(
                    expression: expression, request: request, filter: filter, exhaustiveMatches: scoringWhole
                ).run(reader)
            }
            // The page's texts in one statement over the range of ids the hits span, where that
            // walks fewer matches than a statement per hit costs (always for a prefix, whose
            // every statement merges the lists of all the words it begins).
            let spanned = QueryPhrases.parse(expression).contains(where: \.isPrefix) ? 0 : answer.matchesSpanned
            let texts =
                answer.page.count > 1 && (spanned ?? .max) <= Self.spannedMatches
                ? try reader.hitTexts(
                    of: answer.page.map { ($0.story, $0.sighting) }, matching: expression, marks: Self.marks,
                    snippetWords: Self.snippetWords) : nil
            let hits = try answer.page.map { ranked in try hit(ranked, reader, text: texts?[ranked.story]) }
            return SearchResults(
                query: request.query, total: answer.total, totalIsEstimate: answer.totalIsEstimate, hits: hits)
        case .exhaustive:
            let page = try page(reader)
            let total = try reader.matchingGroupCount(expression, filter: filter, byCluster: request.foldsDuplicates)
            let hits = try page.map { try hit($0, reader) }
            return SearchResults(query: request.query, total: total, totalIsEstimate: false, hits: hits)
        }
    }

    /// What a hit stands for: its cluster when folding, else the sighting itself.
    private enum Group: Hashable {
        case cluster(Int64)
        /// A sighting id's bytes: ids are compared byte for byte.
        case sighting([UInt8])
    }

    /// The page of hits: groups in order of their best-ranked sighting (ties: earliest).
    ///
    /// Groups come out of the ranked matches in rank order, so the first `offset + limit`
    /// groups met are the page's and only the top of the ranking is joined and folded: a
    /// pool of the best matches, enlarged until it holds enough groups or all matches.
    private func page(_ reader: StoreReader) throws -> [StoreReader.RankedSighting] {
        let wanted = request.offset + request.limit
        var matches: Int?  // counted only if the first pool falls short
        var pool = max(64, wanted * 4)
        while true {
            var seen = Set<Group>()
            var groups: [StoreReader.RankedSighting] = []
            for ranked in try reader.rankedSightings(matching: expression, pool: pool, filter: filter)
            where groups.count < wanted {
                let group =
                    request.foldsDuplicates ? Group.cluster(ranked.cluster) : .sighting(Array(ranked.sighting.utf8))
                if seen.insert(group).inserted { groups.append(ranked) }
            }
            if groups.count >= wanted { return Array(groups.dropFirst(request.offset)) }
            if matches == nil { matches = try reader.matchCount(expression) }
            if pool >= matches! { return Array(groups.dropFirst(request.offset)) }
            pool *= 4
        }
    }

    static let marks = (open: String(MatchMarks.open), close: String(MatchMarks.close))
    static let snippetWords = 24
    /// Up to this many matches in the range a page's hits span, one statement makes their texts.
    static let spannedMatches = 2_000

    /// A hit, with its `text` when it was read already.
    private func hit(
        _ ranked: StoreReader.RankedSighting, _ reader: StoreReader, text known: StoreReader.HitText? = nil
    ) throws -> SearchHit {
        // A story that is only a title (a flash) shows its title with the matches marked.
        guard
            let text = try known
                ?? reader.hitText(
                    story: ranked.story, sighting: ranked.sighting, matching: expression, marks: Self.marks,
                    snippetWords: Self.snippetWords)
        else {
            throw StoreError(.notFound, "story \(ranked.story) vanished during the search")
        }
        let duplicates: [SearchHit.Duplicate]
        if request.foldsDuplicates {
            duplicates = try reader.listedMembers(ofCluster: ranked.cluster, story: ranked.story)
                .filter { !$0.id.isSameID(ranked.sighting) }
                .map {
                    member in
                    SearchHit.Duplicate(
                        id: member.id, source: member.source, published: member.published,
                        similarity: try similarity.score(member.story, ranked.story, reader))
                }
        } else {
            duplicates = []
        }
        return SearchHit(
            id: ranked.sighting, title: text.title, source: text.source, url: text.url,
            published: text.published, score: -ranked.rank,
            snippet: MatchMarks.render(text.snippet.collapsingWhitespace) { "**\($0)**" },
            duplicates: duplicates)
    }
}
