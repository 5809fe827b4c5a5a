/// Bytes that claim to be UTF-8 (or claim nothing) but aren't are repaired before libxml2 sees
/// them, which would otherwise reject them or misread them as Latin-1. Valid UTF-8 sequences
/// stay as they are; each byte of an invalid sequence is read as Windows-1252, as browsers read
/// pages that are not UTF-8 and declare nothing (see `Windows1252`). The same goes for a
/// document that declares UTF-8 and breaks its word: such bytes are almost always Windows-1252
/// pasted in. A declared encoding other than UTF-8 is left to libxml2 to convert.
///
///     "don" 0x92 "t" -> "don’t";  "caf" 0xE9 " caf" 0xC3 0xA9 -> "café café"
enum UTF8Repair {
    static func repaired(_ bytes: [UInt8]) -> [UInt8] {
        if String(validating: bytes, as: UTF8.self) != nil { return bytes }
        if let declared = declaredEncoding(bytes), !declared.hasPrefix("utf") { return bytes }
        return readingInvalidBytesAsWindows1252(bytes)
    }

    /// `bytes` with every byte that is not part of a well-formed UTF-8 sequence replaced by
    /// its Windows-1252 character, in UTF-8.
    static func readingInvalidBytesAsWindows1252(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8]()
        // Most bytes are kept; a replaced one takes two or three.
        output.reserveCapacity(bytes.count + bytes.count / 8)
        bytes.withUnsafeBufferPointer { input in
            var index = 0
            while index < input.count {
                let length = wellFormedLength(input, at: index)
                if length > 0 {
                    output.append(contentsOf: input[index..<(index + length)])
                    index += length
                } else {
                    UTF8.encode(Windows1252.scalar(input[index])) { output.append($0) }
                    index += 1
                }
            }
        }
        return output
    }

    /// The length of the well-formed UTF-8 sequence at `index` (Unicode's table 3-7: no
    /// overlong forms, surrogates or code points past U+10FFFF), or 0 when there is none.
    static func wellFormedLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let length: Int
        let second: ClosedRange<UInt8>
        switch bytes[index] {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: return 0
        }
        guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
        return length
    }

    /// The encoding named by an XML declaration or an HTML meta charset near the top.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        for marker in ["encoding=", "charset="] {
            guard let range = head.range(of: marker) else { continue }
            let value = head[range.upperBound...].drop(while: { $0 == "\"" || $0 == "'" || $0 == " " })
            let name = value.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            if !name.isEmpty { return String(name).replacingOccurrences(of: "-", with: "") }
        }
        return nil
    }
}
