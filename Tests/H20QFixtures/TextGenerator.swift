/// Deterministic text: words drawn from a fixed vocabulary by a seeded generator.
///
///     var generator = TextGenerator(seed: 3)
///     generator.text(4) -> "w1837 w402 w4410 w2951" (always the same four)
package struct TextGenerator {
    private var random: SeededGenerator

    package init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    package mutating func next() -> UInt64 { random.next() }

    package mutating func words(_ count: Int) -> [String] {
        (0..<count).map { _ in "w\(next() % 5000)" }
    }

    package mutating func text(_ count: Int) -> String {
        words(count).joined(separator: " ")
    }

    /// `text` with about `rate` of its words replaced.
    package mutating func edited(_ text: String, rate: Double) -> String {
        text.split(separator: " ").map { word in
            Double(next() % 10_000) / 10_000 < rate ? "x\(next() % 5000)" : String(word)
        }.joined(separator: " ")
    }
}
