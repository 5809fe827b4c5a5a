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
    /// change, found on the UTF-8 bytes (C1 controls are 0xC2 0x80...0x9F there).
    func needsControlCleanup(keepingLines: Bool) -> Bool {
        var text = self
        return text.withUTF8 { bytes in
            var previous: UInt8 = 0
            for byte in bytes {
                switch byte {
                case 0x0A, 0x09: if !keepingLines { return true }
                case 0..<0x20, 0x7F: return true
                case 0x80...0x9F where previous == 0xC2: return true
                default: break
                }
                previous = byte
            }
            return false
        }
    }
}
