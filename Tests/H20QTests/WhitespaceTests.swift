import H20QFixtures
import Testing

@testable import H20QDedup

/// `collapsingWhitespace` takes a scalar path for most text; its answer must be the one of
/// splitting on whitespace Characters, whatever the text.
struct WhitespaceTests {
    /// What the scalar path must agree with.
    private func reference(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func collapsesRunsAndTrimsTheEnds() {
        #expect("  Chip\n\n curbs\t".collapsingWhitespace == "Chip curbs")
        #expect("a\r\nb\u{85}c\u{A0}d\u{0B}e\u{0C}f".collapsingWhitespace == "a b c d e f")
        #expect("“Quoted” — dash… end".collapsingWhitespace == "“Quoted” — dash… end")
        #expect(" \t\n ".collapsingWhitespace == "")
        #expect("".collapsingWhitespace == "")
    }

    @Test func graphemesThatReachAcrossWhitespaceAreKeptWhole() {
        // A combining mark after a space makes the space part of a Character that is still
        // whitespace; a prepended sign before a space makes one that is not.
        for text in ["a \u{301}b", "x\u{600} y", "a\u{3000}b", "a\u{2003}\u{2028}b", "🇫🇷 🇩🇪\u{200D}x"] {
            #expect(text.collapsingWhitespace == reference(text), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func agreesWithCharacterSplittingOnRandomText() {
        let pieces = [
            "word", "Zelenskiy", "é", "e\u{301}", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{85}", "\u{A0}", "\u{0B}",
            "\u{1C}", "\u{2003}", "\u{3000}", "\u{2028}", "…", "—", "“", "\u{301}", "\u{600}", "\u{200D}", "👍🏽",
            "中文", "\u{AD}", "x",
        ]
        var random = SeededGenerator(seed: 7)
        for _ in 0..<5_000 {
            let text = (0..<random.next(below: 12)).map { _ in pieces[random.next(below: pieces.count)] }.joined()
            #expect(text.collapsingWhitespace == reference(text), "\(text.unicodeScalars.map(\.value))")
        }
    }
}
