/// Windows-1252, the encoding browsers read pages in when they are not UTF-8 and say nothing:
/// Latin-1 with printable characters (curly quotes, dashes, the euro) where Latin-1 has its
/// C1 controls, 0x80…0x9F. The five bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
/// are U+FFFD here, not the C1 controls the WHATWG maps them to, which text drops silently.
///
///     Windows1252.scalar(0x92) -> "’" (U+2019);  0xE9 -> "é";  0x80 -> "€";  0x81 -> U+FFFD
enum Windows1252 {
    static func scalar(_ byte: UInt8) -> Unicode.Scalar {
        guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
        return Unicode.Scalar(UInt32(c1Replacements[Int(byte - 0x80)]))!
    }

    /// The characters of bytes 0x80…0x9F.
    private static let c1Replacements: [UInt16] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]
}
