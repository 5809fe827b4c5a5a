import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput

struct TextNormalizerTests {
    @Test(arguments: [
        ("Remote Shutdown", ["remote", "shutdown"]),
        ("U.S. export-controls, 2025!", ["u", "s", "export", "controls", "2025"]),
        ("Zelenskiy–Putin", ["zelenskiy", "putin"]),
        ("Straße café NAÏVE", ["strasse", "cafe", "naive"]),
        ("ﬁnance Ｈ２０", ["finance", "h20"]),
        ("İstanbul", ["istanbul"]),
        ("e\u{301}lite", ["elite"]),
        ("soft\u{AD}hyphen zero\u{200B}width", ["softhyphen", "zerowidth"]),
        ("  \n\t ", []),
        ("😀 -- ??? ***", []),
        ("Nvidia’s H20 “chips”", ["nvidia", "s", "h20", "chips"]),
        ("1,750 dlrs", ["1", "750", "dlrs"]),
        ("Москва ΑΘΗΝΑ", ["москва", "αθηνα"]),
    ])
    func words(_ text: String, _ expected: [String]) {
        #expect(TextNormalizer().words(of: text) == expected)
    }

    @Test func normalizingTwiceChangesNothing() {
        let samples = ["Zelenskiy–Putin talks, U.S. Straße", "ÀÉÎÕÜ ﬁ", "a\u{301}b", "plain words here"]
        for sample in samples {
            let once = TextNormalizer().normalized(sample)
            #expect(TextNormalizer().normalized(once) == once)
        }
    }

    @Test func punctuationAndCaseDoNotChangeWordHashes() {
        let shingler = Shingler(size: 5)
        #expect(
            shingler.wordHashes(of: "Trump said: \"We'll see.\"") == shingler.wordHashes(of: "trump said we ll see"))
        #expect(shingler.wordHashes(of: "Zelensky") != shingler.wordHashes(of: "Zelenskiy"))
    }
}
