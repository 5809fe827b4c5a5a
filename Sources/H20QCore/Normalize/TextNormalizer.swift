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

    /// Calls `sink` with the UTF-8 bytes of each normalized word of `text`, in order.
    public func scan<Sink: WordSink>(_ text: String, into sink: inout Sink) {
        var text = text
        var word = WordBuffer()
        text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                    if !word.appendASCII(byte) { word.flush(into: &sink) }
                    continue
                }
                let (scalar, length) = Self.decodeScalar(bytes, at: index)
                index += length
                switch Self.role(of: scalar) {
                case .letter:
                    Self.appendFolded(scalar, to: &word)
                case .ignorable:
                    break
                case .separator:
                    word.flush(into: &sink)
                }
            }
        }
        word.flush(into: &sink)
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

    static func appendFolded(_ scalar: Unicode.Scalar, to word: inout WordBuffer) {
        let folded = String(Character(scalar)).folding(
            options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        for piece in folded.unicodeScalars {
            if piece.isASCII {
                _ = word.appendASCII(UInt8(piece.value))
            } else if role(of: piece) == .letter {
                for byte in String(piece).utf8 { word.append(byte) }
            }
        }
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

/// Receives normalized words, one call per word.
public protocol WordSink {
    mutating func word(_ bytes: UnsafeBufferPointer<UInt8>)
}

struct WordCollector: WordSink {
    var words: [String] = []
    mutating func word(_ bytes: UnsafeBufferPointer<UInt8>) {
        words.append(String(decoding: bytes, as: UTF8.self))
    }
}

/// The bytes of the word being scanned, reused across words to avoid allocations.
struct WordBuffer {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(64) }

    @inline(__always)
    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    /// Appends an ASCII letter (lowercased) or digit; false for anything else.
    @inline(__always)
    mutating func appendASCII(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            bytes.append(byte)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
            bytes.append(byte | 0x20)
        default:
            return false
        }
        return true
    }

    @inline(__always)
    mutating func flush<Sink: WordSink>(into sink: inout Sink) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer { sink.word($0) }
        bytes.removeAll(keepingCapacity: true)
    }
}
