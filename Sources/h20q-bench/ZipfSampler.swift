import Foundation
import H20QFixtures

/// Draws ranks with probability proportional to 1 / (rank + 1)^exponent, in constant time
/// whatever the number of ranks (Vose's alias method: one table column and one coin a draw).
///
///     let zipf = ZipfSampler(count: 50_000, exponent: 1)
///     zipf.draw(&random) -> 0 about 9% of the time, 1 about 4.5%, 49,999 about 0.0002%
struct ZipfSampler: Sendable {
    /// A column keeps its own rank when the coin is under its threshold, else takes its alias.
    private let threshold: [UInt32]
    private let alias: [Int32]

    init(count: Int, exponent: Double) {
        precondition(count > 0, "A Zipf distribution needs at least one rank.")
        let weights = (0..<count).map { 1 / pow(Double($0 + 1), exponent) }
        let total = weights.reduce(0, +)
        var scaled = weights.map { $0 / total * Double(count) }
        var threshold = [UInt32](repeating: .max, count: count)
        var alias = (0..<count).map { Int32($0) }
        var small = scaled.indices.filter { scaled[$0] < 1 }
        var large = scaled.indices.filter { scaled[$0] >= 1 }
        while let less = small.popLast(), let more = large.last {
            threshold[less] = UInt32(scaled[less] * 4_294_967_295)
            alias[less] = Int32(more)
            scaled[more] -= 1 - scaled[less]
            if scaled[more] < 1 {
                large.removeLast()
                small.append(more)
            }
        }
        self.threshold = threshold
        self.alias = alias
    }

    func draw(_ random: inout SeededGenerator) -> Int {
        let bits = random.next()
        // The high half picks the column (multiply-shift: no modulo bias worth the name), the low
        // half is the coin.
        let column = Int(((bits >> 32) &* UInt64(threshold.count)) >> 32)
        return UInt32(truncatingIfNeeded: bits) < threshold[column] ? column : Int(alias[column])
    }
}
