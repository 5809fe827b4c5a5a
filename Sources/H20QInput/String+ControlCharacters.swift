extension String {
    /// The text without C0/C1 control characters; with `keepingLines`, tabs and line breaks
    /// stay (a CR LF or lone CR becomes LF), otherwise they become spaces.
    ///
    ///     "a\u{0}b\u{1B}[1mc\r\nd".withoutControlCharacters(keepingLines: true) -> "ab[1mc\nd"
    func withoutControlCharacters(keepingLines: Bool) -> String {
        func isControl(_ value: UInt32) -> Bool { value < 0x20 || (0x7F...0x9F).contains(value) }
        guard needsControlCleanup(keepingLines: keepingLines) else { return self }
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\n" where previous == "\r":
                continue
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}":
                // Line and page breaks of every kind: vertical tab, form feed, next line.
                result.append(keepingLines ? "\n" : " ")
            case "\t":
                result.append(keepingLines ? "\t" : " ")
            case _ where isControl(scalar.value):
                continue
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }
}

extension String {
    /// The text with control characters and `%` written as `%XX` (their code point): a file
    /// path made printable, one to one (paths that differ stay different).
    ///
    ///     "a\u{0}b%" -> "a%00b%25"
    var percentEscapingControlCharacters: String {
        guard needsControlCleanup(keepingLines: false) || contains("%") else { return self }
        var result = ""
        for scalar in unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "%" {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The first control character in the text, if any.
    var firstControlCharacter: Unicode.Scalar? {
        guard needsControlCleanup(keepingLines: false) else { return nil }
        return unicodeScalars.first { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    /// Whether the text holds a control character that `withoutControlCharacters` would
    /// change, found on the UTF-8 bytes (C1 controls are 0xC2 0x80...0x9F there). Every story
    /// field passes here: eight bytes at a time are let through when none of them is below
    /// 0x20, 0x7F or 0xC2, and only the words that hold one are looked at byte by byte.
    func needsControlCleanup(keepingLines: Bool) -> Bool {
        var text = self
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            let count = bytes.count
            var index = 0
            var previous: UInt8 = 0
            while index < count {
                if previous != 0xC2 && count - index >= 8 {
                    let word = UInt64(
                        littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    if !Self.mayHoldControl(word) {
                        index += 8
                        previous = 0
                        continue
                    }
                }
                let end = min(index + 8, count)
                while index < end {
                    let byte = base[index]
                    switch byte {
                    case 0x0A, 0x09: if !keepingLines { return true }
                    case 0..<0x20, 0x7F: return true
                    case 0x80...0x9F where previous == 0xC2: return true
                    default: break
                    }
                    previous = byte
                    index += 1
                }
            }
            return false
        }
    }

    /// Whether any byte of `word` is below 0x20, 0x7F or 0xC2 (exact, with no false
    /// negatives: the bit tricks of "Bit Twiddling Hacks", determine if a word has a byte
    /// less than n / equal to n).
    @inline(__always)
    private static func mayHoldControl(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let below20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below20 || hasZero(word ^ (ones &* 0x7F)) || hasZero(word ^ (ones &* 0xC2))
    }
}
