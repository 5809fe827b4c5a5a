import Foundation
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput

/// The two candidate paths: MinHash LSH for short stories, the mod-m sample for long ones.
struct CandidatePathTests {
    /// A set of `count` distinct pseudo-random shingle hashes starting at `offset`.
    func shingles(_ range: Range<Int>) -> [UInt64] {
        range.map { StableHash.mix(UInt64($0) &+ 0x1234_5678) }.sorted()
    }

    @Test func minHashAgreementEstimatesJaccard() {
        let hasher = MinHasher(permutations: 128, seed: DedupParameters.standard.minHashSeed)
        // 300 shared of 400 in the union: Jaccard 0.75.
        let a = hasher.signature(of: shingles(0..<350))
        let b = hasher.signature(of: shingles(50..<400))
        let agreement = Double(zip(a, b).filter { $0 == $1 }.count) / 128
        #expect(abs(agreement - 0.75) < 0.12, "agreement \(agreement)")
        #expect(hasher.signature(of: shingles(0..<10)) == hasher.signature(of: shingles(0..<10).reversed()))
    }

    @Test func bandingFindsJaccardPairsAtTheThreshold() {
        let banding = LSHBanding(bands: 20, rows: 6)
        #expect(banding.candidateProbability(jaccard: 0.8) > 0.99)
        #expect(banding.candidateProbability(jaccard: 0.85) > 0.9999)
        #expect(banding.candidateProbability(jaccard: 0.3) < 0.02)
        let hasher = MinHasher(permutations: 128, seed: 7)
        let keys = banding.keys(of: hasher.signature(of: shingles(0..<30)))
        #expect(keys.count == 20)
        #expect(Set(keys).count == 20, "band index is part of the key")
        #expect(keys == banding.keys(of: hasher.signature(of: shingles(0..<30))))
    }

    @Test func containedStorySamplesAreSharedWithItsContainer() {
        let sampler = ContainmentSampler(modulus: 8)
        let container = shingles(0..<2000)
        let brief = Array(container[700..<760])
        let shared = Set(sampler.sample(of: brief)).intersection(sampler.sample(of: container))
        #expect(shared == Set(sampler.sample(of: brief)))
        #expect(!shared.isEmpty)
        #expect(sampler.missProbability(shared: 32) < 0.015)
    }

    @Test(arguments: [(0, 0), (1, 1), (5, 1), (20, 10), (100, 67)])
    func prefilterQuantiles(_ samples: Int, _ minimum: Int) {
        let prefilter = ContainmentPrefilter(threshold: 0.8, missRate: 0.001)
        #expect(prefilter.minimumShared(samples: samples) == max(1, minimum))
    }

    @Test func prefilterLosesAtMostItsMissRate() {
        let prefilter = ContainmentPrefilter(threshold: 0.8, missRate: 0.001)
        for samples in [10, 40, 200, 1500] {
            let minimum = prefilter.minimumShared(samples: samples)
            // P(Binomial(n, 0.8) < minimum) computed directly.
            var probability = 0.0
            for k in 0..<minimum { probability += binomial(samples, k, 0.8) }
            #expect(probability <= 0.001 + 1e-12, "\(samples) samples: \(probability)")
            #expect(probability + binomial(samples, minimum, 0.8) > 0.001, "\(samples): the bound is tight")
        }
    }

    func binomial(_ n: Int, _ k: Int, _ p: Double) -> Double {
        var logChoose = 0.0
        for i in 0..<k { logChoose += log(Double(n - i)) - log(Double(i + 1)) }
        return exp(logChoose + Double(k) * log(p) + Double(n - k) * log(1 - p))
    }
}

/// Postings counted by story as the candidate search counts them: every story once, in the
/// order first seen, with its count and first size, however many postings come.
struct StoryTallyTests {
    @Test(arguments: [1, 7, 40, 500])
    func countsEachStoryInFirstSeenOrderEvenPastTheAnnouncedSize(announced: Int) {
        var generator = SeededGenerator(seed: UInt64(announced))
        let postings = (0..<600).map { _ in
            let story = Int64.random(in: 1...150, using: &generator)
            return Posting(story: story, size: Int(story) * 3 + Int.random(in: 0...1, using: &generator))
        }
        var tally = StoryTally(postings: announced)
        for posting in postings { tally.add(posting) }
        var seen: [(story: Int64, count: Int, size: Int)] = []
        tally.forEach { seen.append(($0, $1, $2)) }
        var expected: [(story: Int64, count: Int, size: Int)] = []
        for posting in postings {
            if let index = expected.firstIndex(where: { $0.story == posting.story }) {
                expected[index].count += 1
            } else {
                expected.append((posting.story, 1, posting.size))
            }
        }
        #expect(seen.count == expected.count)
        #expect(seen.map(\.story) == expected.map(\.story))
        #expect(seen.map(\.count) == expected.map(\.count))
        #expect(seen.map(\.size) == expected.map(\.size))
        #expect(seen.map(\.count).reduce(0, +) == postings.count)
    }
}
