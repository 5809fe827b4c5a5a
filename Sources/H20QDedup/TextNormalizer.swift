import Foundation

/// Turns text into the words that duplicate detection compares: case-folded, without
/// diacritics, punctuation or extra whitespace.
///
///     TextNormalizer().words(of: "Zelenskiy–Putin talks, Straße") -> ["zelenskiy", "putin", "talks", "strasse"]
///
/// Letters and digits (any script) make words; punctuation, symbols and whitespace separate
/// them; combining marks and invisible format characters (soft hyphens, zero-width joiners)
/// vanish without splitting a word. ASCII takes a fast path; other letters are folded by
/// Foundation (`Straße` -> `strasse`, `ﬁ` -> `fi`, `Ｈ２０` -> `h20`).
public struct TextNormalizer: Sendable {
    public init() {}

    /// The normalized words of `text`, in order.
    public func words(of text: String) -> [String] {
        var sink = WordCollector()
        scan(text, into: &sink)
        return sink.words
    }

    /// The normalized words of `text` joined by single spaces.
    ///
    ///     "  U.S.  Export-Controls!" -> "u s export controls"
    public func normalized(_ text: String) -> String {
        words(of: text).joined(separator: " ")
    }

    /// Hands `sink` the UTF-8 bytes of each normalized word of `text`, in order, a byte at a
    /// time, so that a sink that only hashes words needs no buffer.
    public func scan<Sink: WordSink>(_ text: String, into sink: inout Sink) {
        var text = text
        var inWord = false
        text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                    if let letter = Self.wordByte(byte) {
                        sink.append(letter)
                        inWord = true
                    } else if inWord {
                        sink.endWord()
                        inWord = false
                    }
                    continue
                }
                let (scalar, length) = Self.decodeScalar(bytes, at: index)
                index += length
                switch Self.role(of: scalar) {
                case .letter:
                    if Self.appendFolded(scalar, to: &sink) { inWord = true }
                case .ignorable:
                    break
                case .separator:
                    if inWord {
                        sink.endWord()
                        inWord = false
                    }
                }
            }
        }
        if inWord { sink.endWord() }
    }

    /// An ASCII byte as it stands in a word: a letter lowercased, a digit as it is; nil for
    /// anything else (a separator).
    @inline(__always)
    static func wordByte(_ byte: UInt8) -> UInt8? {
        let lower = byte | 0x20
        if lower &- UInt8(ascii: "a") < 26 { return lower }
        if byte &- UInt8(ascii: "0") < 10 { return byte }
        return nil
    }

    enum Role { case letter, ignorable, separator }

    static func role(of scalar: Unicode.Scalar) -> Role {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return .letter
        case .nonspacingMark, .spacingMark, .enclosingMark, .format:
            return .ignorable
        default:
            return .separator
        }
    }

    /// Appends the folded form of a non-ASCII letter; false if nothing of it is left.
    static func appendFolded<Sink: WordSink>(_ scalar: Unicode.Scalar, to sink: inout Sink) -> Bool {
        let folded = String(Character(scalar)).folding(
            options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var appended = false
        for piece in folded.unicodeScalars {
            if piece.isASCII {
                if let letter = wordByte(UInt8(piece.value)) {
                    sink.append(letter)
                    appended = true
                }
            } else if role(of: piece) == .letter {
                for byte in String(piece).utf8 { sink.append(byte) }
                appended = true
            }
        }
        return appended
    }

    /// Decodes the scalar starting at `index` of valid UTF-8 (a Swift string's storage).
    @inline(__always)
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        let value: UInt32
        let length: Int
        if lead < 0xE0 {
            value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            length = 2
        } else if lead < 0xF0 {
            value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            length = 3
        } else {
            value =
                (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
            length = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}

/// Collects the words of a scan as strings.
private struct WordCollector: WordSink {
    var words: [String] = []
    private var bytes: [UInt8] = []

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func endWord() {
        words.append(String(decoding: bytes, as: UTF8.self))
        bytes.removeAll(keepingCapacity: true)
    }
}
