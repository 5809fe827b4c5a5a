/// Transcodes UTF-16 to UTF-8 as it streams, a chunk at a time: a chunk may end in the middle
/// of a code unit (an odd byte) or of a surrogate pair (a high surrogate), which are kept for
/// the next. Unpaired surrogates, and a code unit or pair cut off at the end, become U+FFFD.
///
///     UTF16Decoder(bigEndian: false): decode([0x3D, 0xD8, 0xF0]) -> [];  decode([0xDC]) -> "📰"
struct UTF16Decoder {
    let bigEndian: Bool
    /// The first byte of a code unit whose second is in the next chunk.
    private var pendingByte: UInt8?
    /// A high surrogate waiting for its low half.
    private var pendingHigh: UInt16?

    init(bigEndian: Bool) {
        self.bigEndian = bigEndian
    }

    /// The UTF-8 of `bytes`, as far as it is complete.
    mutating func decode(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8]()
        // A code unit (2 bytes) becomes at most 3 bytes; a pair (4) becomes 4.
        output.reserveCapacity(bytes.count / 2 * 3 + 4)
        var index = 0
        if let first = pendingByte, !bytes.isEmpty {
            pendingByte = nil
            take(unit(first, bytes[0]), into: &output)
            index = 1
        }
        while index + 1 < bytes.count {
            take(unit(bytes[index], bytes[index + 1]), into: &output)
            index += 2
        }
        if index < bytes.count { pendingByte = bytes[index] }
        return output
    }

    /// The end of the stream: U+FFFD for a character left unfinished.
    mutating func finish() -> [UInt8] {
        var output = [UInt8]()
        if pendingHigh != nil { Self.append(0xFFFD, to: &output) }
        if pendingByte != nil { Self.append(0xFFFD, to: &output) }
        pendingHigh = nil
        pendingByte = nil
        return output
    }

    private func unit(_ first: UInt8, _ second: UInt8) -> UInt16 {
        bigEndian ? UInt16(first) << 8 | UInt16(second) : UInt16(second) << 8 | UInt16(first)
    }

    private mutating func take(_ unit: UInt16, into output: inout [UInt8]) {
        if let high = pendingHigh {
            pendingHigh = nil
            if (0xDC00...0xDFFF).contains(unit) {
                Self.append(0x10000 + (UInt32(high - 0xD800) << 10 | UInt32(unit - 0xDC00)), to: &output)
                return
            }
            Self.append(0xFFFD, to: &output)
        }
        switch unit {
        case 0xD800...0xDBFF: pendingHigh = unit
        case 0xDC00...0xDFFF: Self.append(0xFFFD, to: &output)
        default: Self.append(UInt32(unit), to: &output)
        }
    }

    /// Appends the UTF-8 of code point `value` (a scalar: no surrogates reach here).
    private static func append(_ value: UInt32, to output: inout [UInt8]) {
        switch value {
        case ..<0x80:
            output.append(UInt8(value))
        case ..<0x800:
            output.append(0xC0 | UInt8(value >> 6))
            output.append(0x80 | UInt8(value & 0x3F))
        case ..<0x10000:
            output.append(0xE0 | UInt8(value >> 12))
            output.append(0x80 | UInt8(value >> 6 & 0x3F))
            output.append(0x80 | UInt8(value & 0x3F))
        default:
            output.append(0xF0 | UInt8(value >> 18))
            output.append(0x80 | UInt8(value >> 12 & 0x3F))
            output.append(0x80 | UInt8(value >> 6 & 0x3F))
            output.append(0x80 | UInt8(value & 0x3F))
        }
    }
}
