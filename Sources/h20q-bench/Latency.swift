import Foundation

/// Timing arithmetic shared by the query benchmarks: elapsed milliseconds, percentiles,
/// and the columns they are printed in.
///
///     Latency.percentile([3, 1, 2, 4], 0.5) -> 2
enum Latency {
    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    /// The `fraction` percentile (nearest rank) of `values`.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }

    static func format(_ milliseconds: Double) -> String {
        String(format: milliseconds < 10 ? "%.3f" : "%.1f", milliseconds)
    }

    /// A table row: the first cell left-aligned in `first` columns, the others right-aligned
    /// in `width`.
    static func row(_ cells: [String], first: Int = 16, width: Int = 15) -> String {
        cells.enumerated().map { index, cell in
            index == 0
                ? cell.padding(toLength: first, withPad: " ", startingAt: 0)
                : String(repeating: " ", count: max(0, width - cell.count)) + cell
        }.joined()
    }
}
