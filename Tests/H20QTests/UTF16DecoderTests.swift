import Foundation
import Testing

@testable import H20QInput

struct UTF16DecoderTests {
    /// However the stream is cut (here into single bytes), the text comes out whole.
    @Test(arguments: [false, true])
    func chunksCutAnywhereDecodeTheSame(_ bigEndian: Bool) {
        let text = "aé€📰z"
        let bytes = Array(utf16(text, bigEndian: bigEndian).dropFirst(2))
        var decoder = UTF16Decoder(bigEndian: bigEndian)
        var output = [UInt8]()
        for byte in bytes { output += decoder.decode([byte]) }
        output += decoder.finish()
        #expect(String(decoding: output, as: UTF8.self) == text)
        var whole = UTF16Decoder(bigEndian: bigEndian)
        #expect(String(decoding: whole.decode(bytes) + whole.finish(), as: UTF8.self) == text)
    }

    /// Unpaired surrogates, and a code unit cut off at the end, become U+FFFD.
    @Test func brokenUnitsAreReplacementCharacters() {
        var decoder = UTF16Decoder(bigEndian: false)
        // A high surrogate before "a", a lone low surrogate, then a high surrogate and a byte at the end.
        let bytes: [UInt8] = [0x3D, 0xD8, 0x61, 0x00, 0xB0, 0xDC, 0x62, 0x00, 0x3D, 0xD8, 0x63]
        let output = decoder.decode(bytes) + decoder.finish()
        #expect(String(decoding: output, as: UTF8.self) == "\u{FFFD}a\u{FFFD}b\u{FFFD}\u{FFFD}")
    }
}
