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
        // One pass over the bytes: reports read every word of 100,000 clusters, and Character
        // iteration with a Foundation call per word took most of their time.
        var paragraph = 0
        var lineHasWords = false
        var start: Int?
        var ascii = true
        let bytes = Array(text.utf8)
        func endWord(at end: Int) {
            guard let first = start else { return }
            let slice = bytes[first..<end]
            words.append(String(decoding: slice, as: UTF8.self))
            keys.append(ascii ? Self.asciiKey(slice) : Self.key(Substring(words[words.count - 1])))
            paragraphs.append(paragraph)
            lineHasWords = true
            start = nil
            ascii = true
        }
        func endLine() {
            if lineHasWords { paragraph += 1 }
            lineHasWords = false
        }
        var index = 0
        while index < bytes.count {
            let (length, kind) = Self.separator(bytes, at: index)
            if kind != .none {
                endWord(at: index)
                if kind == .line { endLine() }
                index += length
                continue
            }
            if start == nil { start = index }
            if bytes[index] >= 0x80 { ascii = false }
            index += 1
        }
        endWord(at: bytes.count)
    }

    package var count: Int { words.count }

    /// The comparison key of a word; every word of punctuation only (a dash, a bullet) has
    /// the same key, as the duplicate rule reads none of them.
    ///
    ///     "Zelenskiy's," -> "zelenskiys", "-" -> "", "—" -> ""
    package static func key(_ word: Substring) -> String {
        let folded = word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter(CharacterSet.alphanumerics.contains)))
    }

    /// `key` of a word of ASCII bytes: its letters lowercased and its digits.
    static func asciiKey(_ bytes: ArraySlice<UInt8>) -> String {
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): kept.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): kept.append(byte + 32)
            default: break
            }
        }
        return String(decoding: kept, as: UTF8.self)
    }

    enum Separator { case none, space, line }

    /// Whether the bytes at `index` are a space or a line break (ASCII or Unicode), and how long.
    static func separator(_ bytes: [UInt8], at index: Int) -> (Int, Separator) {
        let byte = bytes[index]
        switch byte {
        case 0x20, 0x09, 0x0B, 0x0C: return (1, .space)
        case 0x0A, 0x0D: return (1, .line)
        case 0xC2 where index + 1 < bytes.count:
            // U+0085 next line, U+00A0 no-break space.
            if bytes[index + 1] == 0x85 { return (2, .line) }
            if bytes[index + 1] == 0xA0 { return (2, .space) }
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80:
            // U+2000...U+200A spaces, U+2028 line and U+2029 paragraph separators, U+202F.
            let last = bytes[index + 2]
            if (0x80...0x8A).contains(last) || last == 0xAF { return (3, .space) }
            if last == 0xA8 || last == 0xA9 { return (3, .line) }
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x81 && bytes[index + 2] == 0x9F:
            return (3, .space)  // U+205F
        case 0xE3 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80:
            return (3, .space)  // U+3000
        default: break
        }
        return (0, .none)
    }
}
