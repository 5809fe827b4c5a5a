/// A shortest edit script between two sequences of words: Myers' O(ND) greedy algorithm,
/// after the common prefix and suffix are set aside, as runs of kept, deleted and inserted
/// words.
///
///     WordDiff.runs(["a", "b", "c"], ["a", "x", "c"])
///         -> [.init(.equal, 1), .init(.delete, 1), .init(.insert, 1), .init(.equal, 1)]
///
/// Memory is bounded: the search keeps one diagonal frontier per edit, (2d + 1) numbers for
/// edit d, so it stops after `maximumEdits` edits (1,000 by default: about 4 MB) and reports
/// what is left between the common prefix and suffix as deleted and inserted whole. Two
/// copies of a story differ by far fewer edits; two texts that need more are not a
/// republication worth a word-by-word view.
package enum WordDiff {
    package enum Kind: Int, Sendable, Codable {
        case equal = 0
        case delete = -1
        case insert = 1
    }

    /// `count` consecutive words kept (in both), deleted (from the first) or inserted (from
    /// the second).
    package struct Run: Sendable, Equatable {
        package var kind: Kind
        package var count: Int

        package init(_ kind: Kind, _ count: Int) {
            self.kind = kind
            self.count = count
        }
    }

    package static let defaultMaximumEdits = 1000

    /// The runs turning `a` into `b`; deletions come before insertions where both meet.
    package static func runs<Word: Hashable>(
        _ a: [Word], _ b: [Word], maximumEdits: Int = defaultMaximumEdits
    ) -> [Run] {
        // Words as small integers: comparisons in the inner loop are then one instruction.
        var numbers: [Word: Int32] = [:]
        func number(_ word: Word) -> Int32 {
            if let known = numbers[word] { return known }
            let next = Int32(numbers.count)
            numbers[word] = next
            return next
        }
        let x = a.map(number)
        let y = b.map(number)
        var prefix = 0
        while prefix < x.count && prefix < y.count && x[prefix] == y[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < x.count - prefix && suffix < y.count - prefix
            && x[x.count - 1 - suffix] == y[y.count - 1 - suffix]
        {
            suffix += 1
        }
        var builder = RunBuilder()
        builder.add(.equal, prefix)
        let middleA = Array(x[prefix..<(x.count - suffix)])
        let middleB = Array(y[prefix..<(y.count - suffix)])
        if let edits = myers(middleA, middleB, maximumEdits: maximumEdits) {
            for edit in edits { builder.add(edit, 1) }
        } else {
            builder.add(.delete, middleA.count)
            builder.add(.insert, middleB.count)
        }
        builder.add(.equal, suffix)
        return builder.result
    }

    /// Each step of a shortest edit script, in order; nil past `maximumEdits` edits.
    private static func myers(_ a: [Int32], _ b: [Int32], maximumEdits: Int) -> [Kind]? {
        let n = a.count
        let m = b.count
        if n == 0 || m == 0 {
            return Array(repeating: .delete, count: n) + Array(repeating: .insert, count: m)
        }
        let bound = min(n + m, maximumEdits)
        let offset = bound + 1
        var frontier = [Int](repeating: 0, count: 2 * bound + 3)
        // trace[d] holds the frontier after edit d on diagonals -d...d.
        var trace: [[Int32]] = []
        for d in 0...bound {
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
                    x = frontier[offset + k + 1]
                } else {
                    x = frontier[offset + k - 1] + 1
                }
                var y = x - k
                while x < n && y < m && a[x] == b[y] {
                    x += 1
                    y += 1
                }
                frontier[offset + k] = x
                if x >= n && y >= m {
                    trace.append(frontier[(offset - d)...(offset + d)].map { Int32($0) })
                    return backtrack(trace, n, m)
                }
            }
            trace.append(frontier[(offset - d)...(offset + d)].map { Int32($0) })
        }
        return nil
    }

    /// The path to (n, m) through the recorded frontiers.
    private static func backtrack(_ trace: [[Int32]], _ n: Int, _ m: Int) -> [Kind] {
        var steps: [Kind] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, to: 0, by: -1) {
            let previous = trace[d - 1]
            let at = { (k: Int) in Int(previous[k + d - 1]) }
            let k = x - y
            let previousK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            let previousX = at(previousK)
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                steps.append(.equal)
                x -= 1
                y -= 1
            }
            steps.append(x == previousX ? .insert : .delete)
            x = previousX
            y = previousY
        }
        steps += Array(repeating: .equal, count: x)
        return steps.reversed()
    }
}

/// Collects steps into runs, deletions before insertions within each change.
private struct RunBuilder {
    var runs: [WordDiff.Run] = []
    // Pending change: words deleted and inserted since the last kept word.
    private var deleted = 0
    private var inserted = 0

    mutating func add(_ kind: WordDiff.Kind, _ count: Int) {
        guard count > 0 else { return }
        switch kind {
        case .delete: deleted += count
        case .insert: inserted += count
        case .equal:
            flush()
            append(.equal, count)
        }
    }

    var result: [WordDiff.Run] {
        mutating get {
            flush()
            return runs
        }
    }

    private mutating func flush() {
        append(.delete, deleted)
        append(.insert, inserted)
        deleted = 0
        inserted = 0
    }

    private mutating func append(_ kind: WordDiff.Kind, _ count: Int) {
        guard count > 0 else { return }
        if runs.last?.kind == kind {
            runs[runs.count - 1].count += count
        } else {
            runs.append(WordDiff.Run(kind, count))
        }
    }
}
