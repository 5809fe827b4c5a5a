import Foundation
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

/// Digests and scraped pages that hold several stories: they must not glue them into one
/// cluster, whatever the order the stories and the digest arrive in.
struct CompilationTests {
    /// A scraped page: an article, then a "Related stories" list holding two copies of one
    /// story (the second with a block pasted in) and a third story quoting the same lines.
    func seedPage() throws -> (page: IncomingStory, article: IncomingStory, related: [IncomingStory]) {
        let url = try #require(
            Bundle.module.url(forResource: "seed-structure", withExtension: "jsonl", subdirectory: "Fixtures"))
        let related = readEvents(url.path).stories
        let article = story(
            "article", "Harbour authority orders survey of silted channel",
            """
            The harbour authority in Kestrel Bay ordered an emergency survey of the main shipping channel on \
            Tuesday after two bulk carriers touched bottom within a week, and said it would restrict the largest \
            vessels to daylight arrivals until dredging resumes. The channel was last dredged in the spring of \
            2023, and pilots have complained since the autumn storms that sand bars near the outer buoys have \
            moved. A spokeswoman said the survey would take about ten days and that grain and coal exporters had \
            been told to expect delays of up to two tides for the heaviest ships. Shipping agents said freight \
            rates for the port had already risen, and two lines said they were studying calls at neighbouring \
            terminals instead.
            """)
        let list = related.map { "\($0.title)\n\n\($0.body)" }.joined(separator: "\n\n")
        let page = story("page", article.title, article.body + "\n\nRelated stories\n\n" + list)
        return (page, article, related)
    }

    @Test(arguments: [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [0, 4, 1, 2, 3], [2, 4, 0, 3, 1]])
    func aPageWithRelatedStoriesFoldsOnlyTheCopies(order: [Int]) throws {
        let (page, article, related) = try seedPage()
        let stories = [article] + related + [page]
        let index = try TestIndex()
        try index.ingest(order.map { stories[$0] })
        #expect(try index.clusterSets() == [["seed-a", "seed-b"]])
        let shown = try #require(try index.store.story(id: "page"))
        #expect(Set(shown.contains.map(\.id)) == ["article", "seed-a", "seed-b", "seed-c"])
        #expect(shown.contains.allSatisfy { $0.containment >= 0.8 })
        #expect(try index.store.story(id: "seed-c")?.containedIn.map(\.id) == ["page"])
        #expect(try index.store.story(id: "seed-c")?.cluster.members.count == 1)
    }

    /// A digest of three unrelated stories, before, between and after them, in one batch or
    /// one story a batch: three stories alone every time, as a one-shot ingest gives.
    @Test func aDigestOfUnrelatedStoriesJoinsNoneOfThem() throws {
        var generator = TextGenerator(seed: 17)
        let stories = (0..<3).map { story("s\($0)", "story \($0)", generator.text(80)) }
        let digest = story(
            "digest", "Top stories", stories.map { "\($0.title)\n\n\($0.body)" }.joined(separator: "\n\n"))
        for position in 0...3 {
            var order = stories
            order.insert(digest, at: position)
            for oneBatch in [true, false] {
                let index = try TestIndex()
                if oneBatch {
                    let fingerprinter = Fingerprinter(parameters: index.store.parameters)
                    _ = try index.store.ingest(
                        order.map {
                            AnalyzedStory(
                                story: $0, fingerprint: fingerprinter.fingerprint(title: $0.title, body: $0.body))
                        })
                } else {
                    try index.ingest(order)
                }
                #expect(try index.clusterSets().isEmpty, "digest at \(position), one batch: \(oneBatch)")
                #expect(try index.store.story(id: "digest")?.contains.map(\.id) == ["s0", "s1", "s2"])
            }
        }
    }

    /// The same digest republished folds with itself; it still joins none of its stories.
    @Test func aRepublishedDigestFoldsWithItself() throws {
        var generator = TextGenerator(seed: 18)
        let stories = (0..<3).map { story("s\($0)", "story \($0)", generator.text(80)) }
        let body = stories.map { "\($0.title)\n\n\($0.body)" }.joined(separator: "\n\n")
        let index = try TestIndex()
        try index.ingest(
            stories + [story("d1", "Top stories", body), story("d2", "Top stories today", body + " Subscribe now.")])
        #expect(try index.clusterSets() == [["d1", "d2"]])
    }

    /// A story that stops being the second one inside a digest (its id now tells another
    /// story) lets the digest fold with the one it still holds.
    @Test func aDigestLeftHoldingOneStoryIsNoLongerACompilation() throws {
        var generator = TextGenerator(seed: 19)
        let a = story("a", "story a", generator.text(80))
        let b = story("b", "story b", generator.text(80))
        let index = try TestIndex()
        try index.ingest([a, b, story("digest", "Top stories", a.body + "\n\n" + b.body)])
        #expect(try index.clusterSets().isEmpty)
        try index.ingest([story("b", "story b, rewritten", generator.text(80))])
        #expect(try index.clusterSets() == [["a", "digest"]])
        #expect(try index.store.story(id: "digest")?.contains.isEmpty == true)
    }
}

/// The rule as a function of pairs and sizes.
struct ClusterGraphTests {
    let rule = DuplicateRule.standard

    func solve(_ sizes: [Int64: Int], _ pairs: [(Int64, Int64, Int)]) -> ClusterGraph.Solution {
        ClusterGraph(rule: rule, sizes: sizes, pairs: pairs.map { ClusterGraph.Pair($0.0, $0.1, shared: $0.2) }).solve()
    }

    @Test func jaccardPairsAndOneContainerMakePlainComponents() {
        // 1 ~ 2 (Jaccard 0.9), 3 ⊂ 2 (containment 1.0): one cluster.
        let solution = solve([1: 100, 2: 100, 3: 50, 4: 70], [(1, 2, 95), (2, 3, 50)])
        #expect(solution.clusters == [[1, 2, 3], [4]])
        #expect(solution.compilations.isEmpty)
    }

    @Test func aContainerOfTwoUnrelatedStoriesIsACompilation() {
        let solution = solve([1: 300, 2: 100, 3: 100], [(1, 2, 100), (1, 3, 100)])
        #expect(solution.compilations == [1])
        #expect(solution.contents == [1: [2, 3]])
        #expect(solution.clusters == [[1], [2], [3]])
    }

    @Test func aContainerOfTwoCopiesOfOneStoryIsNot() {
        let solution = solve([1: 300, 2: 100, 3: 100], [(1, 2, 100), (1, 3, 100), (2, 3, 95)])
        #expect(solution.compilations.isEmpty)
        #expect(solution.clusters == [[1, 2, 3]])
    }

    @Test func twoDigestsOfTheSameStoriesDoNotVouchForEachOther() {
        // 1 and 2 both hold 3 and 4; 3 and 4 are unrelated.
        let solution = solve([1: 300, 2: 320, 3: 100, 4: 100], [(1, 3, 100), (1, 4, 100), (2, 3, 100), (2, 4, 100)])
        #expect(solution.compilations == [1, 2])
        #expect(solution.clusters == [[1], [2], [3], [4]])
    }

    @Test func aCompilationJoinsTheStoryCoveringHalfOfIt() {
        // A page (200) = article 3 (150 shared) + related 4 (40 shared, 40 long).
        let solution = solve([1: 200, 3: 150, 4: 40], [(1, 3, 150), (1, 4, 40)])
        #expect(solution.compilations == [1])
        #expect(solution.clusters == [[1, 3], [4]])
    }

    @Test func theAnswerDoesNotDependOnTheOrderOfThePairs() {
        let sizes: [Int64: Int] = [1: 300, 2: 320, 3: 100, 4: 100, 5: 100, 6: 200]
        let pairs: [(Int64, Int64, Int)] = [
            (1, 3, 100), (1, 4, 100), (2, 4, 100), (2, 5, 100), (5, 6, 100), (3, 6, 90),
        ]
        let expected = solve(sizes, pairs)
        var random = SeededGenerator(seed: 3)
        for _ in 0..<20 {
            #expect(solve(sizes, pairs.shuffled(using: &random)) == expected)
        }
    }
}
