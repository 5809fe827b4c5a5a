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
