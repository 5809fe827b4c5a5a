import Foundation

/// Decides which containment candidates are worth an exact check, from how many sampled
/// shingles they share.
///
/// If the smaller story has `a` sampled shingles and really is contained at the threshold c,
/// the number it shares with the container is about Binomial(a, c). A candidate sharing fewer
/// than the `missRate` quantile of that distribution is dropped: by construction, at most
/// `missRate` of the pairs at the threshold (and fewer above it) are lost this way, while
/// stories that merely share a stock phrase or two are never read.
///
///     ContainmentPrefilter(threshold: 0.8, missRate: 0.001).minimumShared(samples: 20) -> 10
public struct ContainmentPrefilter: Sendable {
    public let threshold: Double
    public let missRate: Double
    private let table: [Int]

    public init(threshold: Double, missRate: Double) {
        self.threshold = threshold
        self.missRate = missRate
        self.table = (0...Self.tableSize).map {
            Self.quantile(trials: $0, probability: threshold, tail: missRate)
        }
    }

    static let tableSize = 1024

    /// The fewest shared samples a contained story with `samples` sampled shingles shows,
    /// except with probability `missRate`. Never more than 1 for small samples: one shared
    /// sample is always enough to look.
    public func minimumShared(samples: Int) -> Int {
        let count = max(0, samples)
        let quantile =
            count <= Self.tableSize
            ? table[count] : Self.quantile(trials: count, probability: threshold, tail: missRate)
        return max(1, quantile)
    }

    /// Largest k with P(Binomial(trials, probability) < k) <= tail.
    static func quantile(trials: Int, probability: Double, tail: Double) -> Int {
        guard trials > 0 else { return 0 }
        let n = Double(trials)
        let p = probability
        let q = 1 - p
        let mean = n * p
        let spread = (n * p * q).squareRoot()
        // Terms more than 9 standard deviations below the mean carry under 1e-18.
        let start = max(0, Int((mean - 9 * spread - 1).rounded(.down)))
        let first = Double(start)
        // log P(X = k), from k = start on by the ratio of successive terms.
        var logTerm =
            logGamma(n + 1) - logGamma(first + 1) - logGamma(n - first + 1) + first * log(p) + (n - first) * log(q)
        let logOdds = log(p / q)
        var cumulative = 0.0
        var k = start
        while k <= trials {
            let next = cumulative + exp(logTerm)
            if next > tail { return k }
            cumulative = next
            logTerm += log((n - Double(k)) / Double(k + 1)) + logOdds
            k += 1
        }
        return trials
    }
}

private func logGamma(_ x: Double) -> Double {
    let value: Double = lgamma(x)
    return value
}
