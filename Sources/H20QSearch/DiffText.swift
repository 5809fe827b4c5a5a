import Foundation

/// A text as the word diff sees it: its words as written, the paragraph (line) each one is
/// in, and the key words are compared by: case, diacritics and punctuation set aside, as the
/// duplicate rule sets them aside.
///
///     DiffText("Aid, at last.\n\nMore") -> words ["Aid,", "at", "last.", "More"],
///                                          paragraphs [0, 0, 0, 1], keys ["aid", "at", "last", "more"]
package struct DiffText: Sendable, Equatable {
    package private(set) var words: [String] = []
    package private(set) var paragraphs: [Int] = []
    package private(set) var keys: [String] = []

    package init(_ text: String) {
        var paragraph = 0
        // Empty lines are not paragraphs: count only lines with words.
        for line in text.split(whereSeparator: \.isNewline) {
            let lineWords = line.split(whereSeparator: \.isWhitespace)
            guard !lineWords.isEmpty else { continue }
            for word in lineWords {
                words.append(String(word))
                paragraphs.append(paragraph)
                keys.append(Self.key(word))
            }
            paragraph += 1
        }
    }

    package var count: Int { words.count }

    /// The comparison key of a word; every word of punctuation only (a dash, a bullet) has
    /// the same key, as the duplicate rule reads none of them.
    ///
    ///     "Zelenskiy's," -> "zelenskiys", "-" -> "", "—" -> ""
    package static func key(_ word: Substring) -> String {
        let folded = word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let kept = String(String.UnicodeScalarView(folded.unicodeScalars.filter(CharacterSet.alphanumerics.contains)))
        return kept
    }
}
