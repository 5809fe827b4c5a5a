import H20QFixtures
import Testing

@testable import H20QDedup

struct DuplicateRuleTests {
    let rule = DuplicateRule.standard

    @Test(arguments: [
        // shared, a, b, same story?
        (70, 100, 100, false),  // Jaccard 0.54, containment 0.7
        (90, 100, 100, true),  // Jaccard 0.82
        (40, 40, 400, true),  // a brief wholly inside a roundup: containment 1.0
        (32, 40, 400, true),  // containment exactly 0.8
        (31, 40, 400, false),  // containment 0.775
        (30, 30, 300, false),  // contained but too short for containment (Jaccard 0.1)
        (4, 4, 5, true),  // short stories: Jaccard 0.8
        (1, 1, 1, true),  // one-shingle flashes with the same words
        (0, 1, 1, false),
    ])
    func decisions(_ shared: Int, _ a: Int, _ b: Int, _ same: Bool) {
        let similarity = rule.similarity(shared: shared, a, b)
        #expect(similarity.isSameStory == same, "shared \(shared) of \(a) and \(b)")
    }

    @Test func containmentAtTheThresholdCountsOnlyWhenBothAreLongEnough() {
        // 80 of 100 shingles shared by two 100-shingle stories: containment 0.8, both >= 40.
        let similarity = rule.similarity(shared: 80, 100, 100)
        #expect(similarity.containment == 0.8)
        #expect(similarity.isSameStory)
        #expect(similarity.score == 0.8)
    }

    @Test func scoreIsJaccardWhenContainmentDoesNotApply() {
        let similarity = rule.similarity(shared: 30, 30, 300)
        #expect(similarity.score == 0.1)
        #expect(!similarity.containmentApplies)
    }

    @Test func jaccardCandidatesAreTheShortStories() {
        #expect(rule.jaccardCandidatesBelow == 50)
        #expect(DedupParameters.standard.bandedBelow == 50)
        #expect(DedupParameters.standard.sampledFrom == 40)
    }
}
