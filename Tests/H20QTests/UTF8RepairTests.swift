import Testing

@testable import H20QInput

struct UTF8RepairTests {
    /// Bytes that are not UTF-8 are read as Windows-1252, byte by byte; UTF-8 around them stays.
    @Test(
        arguments: [
            ([0x64, 0x6F, 0x6E, 0x92, 0x74], "don\u{2019}t"),
            ([0x63, 0x61, 0x66, 0xE9, 0x20, 0x63, 0x61, 0x66, 0xC3, 0xA9], "café café"),
            ([0x80, 0x35, 0x20, 0x93, 0x71, 0x94, 0x20, 0xF0, 0x9F, 0x93, 0xB0], "€5 “q” 📰"),
            // A sequence cut short, a surrogate and an overlong form are invalid: each byte maps.
            ([0xE2, 0x80, 0x20, 0xED, 0xA0, 0x80, 0x20, 0xC0, 0xAF], "â€ í\u{A0}€ À¯"),
            // The five bytes Windows-1252 leaves undefined.
            ([0x81, 0x8D, 0x8F, 0x90, 0x9D], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
        ] as [([UInt8], String)])
    func invalidBytesAreWindows1252(_ bytes: [UInt8], _ text: String) {
        #expect(String(decoding: UTF8Repair.repaired(bytes), as: UTF8.self) == text)
    }

    @Test func declaredEncodingsAreLeftToLibxml2() {
        let latin1 = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><a>caf"#.utf8) + [0xE9] + Array("</a>".utf8)
        #expect(UTF8Repair.repaired(latin1) == latin1)
    }
}
