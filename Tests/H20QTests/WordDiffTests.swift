import H20QFixtures
import Testing

@testable import H20QSearch

struct WordDiffTests {
    @Test func oneWordChanged() {
        #expect(
            WordDiff.runs(["a", "b", "c"], ["a", "x", "c"]) == [
                .init(.equal, 1), .init(.delete, 1), .init(.insert, 1), .init(.equal, 1),
            ])
    }

    @Test func emptySides() {
        #expect(WordDiff.runs([String](), []) == [])
        #expect(WordDiff.runs([], ["a", "b"]) == [.init(.insert, 2)])
        #expect(WordDiff.runs(["a"], []) == [.init(.delete, 1)])
    }

    @Test func additionAtTheEndAndInTheMiddle() {
        let a = Array("abcdefgh").map(String.init)
        let b = Array("abcXYdefghZ").map(String.init)
        #expect(
            WordDiff.runs(a, b) == [
                .init(.equal, 3), .init(.insert, 2), .init(.equal, 5), .init(.insert, 1),
            ])
    }

    /// Random sequences over a small alphabet: the runs rebuild both sides, and their edits
    /// are as few as the longest common subsequence allows.
    @Test func shortestScriptOnRandomSequences() {
        var generator = SeededGenerator(seed: 13)
        for _ in 0..<300 {
            let a = (0..<Int(generator.next() % 30)).map { _ in Int(generator.next() % 4) }
            let b = (0..<Int(generator.next() % 30)).map { _ in Int(generator.next() % 4) }
            let runs = WordDiff.runs(a, b)
            var i = 0
            var j = 0
            var rebuiltA: [Int] = []
            var rebuiltB: [Int] = []
            for run in runs {
                switch run.kind {
                case .equal:
                    #expect(Array(a[i..<(i + run.count)]) == Array(b[j..<(j + run.count)]))
                    rebuiltA += a[i..<(i + run.count)]
                    rebuiltB += b[j..<(j + run.count)]
                    i += run.count
                    j += run.count
                case .delete:
                    rebuiltA += a[i..<(i + run.count)]
                    i += run.count
                case .insert:
                    rebuiltB += b[j..<(j + run.count)]
                    j += run.count
                }
            }
            #expect(rebuiltA == a && rebuiltB == b)
            let kept = runs.filter { $0.kind == .equal }.reduce(0) { $0 + $1.count }
            #expect(kept == Self.lcs(a, b))
        }
    }

    /// Past the edit bound the middle is replaced whole, and the answer still rebuilds both.
    @Test func boundedEdits() {
        let a = ["same"] + (0..<50).map { "a\($0)" } + ["end"]
        let b = ["same"] + (0..<50).map { "b\($0)" } + ["end"]
        #expect(
            WordDiff.runs(a, b, maximumEdits: 10) == [
                .init(.equal, 1), .init(.delete, 50), .init(.insert, 50), .init(.equal, 1),
            ])
    }

    /// Long texts with a few changes are quick: the work grows with the edits, not the square
    /// of the length.
    @Test func longTextFewEdits() {
        let a = (0..<200_000).map { $0 % 997 }
        var b = a
        b.insert(-1, at: 1000)
        b.remove(at: 150_000)
        let runs = WordDiff.runs(a, b)
        #expect(runs.filter { $0.kind != .equal }.map(\.count) == [1, 1])
    }

    static func lcs(_ a: [Int], _ b: [Int]) -> Int {
        var previous = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var current = [Int](repeating: 0, count: b.count + 1)
            for (j, y) in b.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            previous = current
        }
        return previous[b.count]
    }
}
