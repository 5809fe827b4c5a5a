import Testing

@testable import H20QSearch

struct StoryComparisonTests {
    static let body = """
        KESTREL BAY, Aug 13 - Vestmark will require a licence for every chip shipment.

        Exporters will have to name the end user.

        "We are not closing the door," the minister said.
        """

    func changes(_ title: String, _ body: String, canonicalTitle: String = "Chip rules") -> [String] {
        StoryComparison(canonical: (canonicalTitle, Self.body), member: (title, body)).differences.changes
    }

    @Test func paragraphsAddedAtTheEnd() {
        let comparison = StoryComparison(
            canonical: ("Chip rules", Self.body),
            member: ("Chip rules", Self.body + "\n\nReporting by A. Writer.\n\nEditing by B. Editor."))
        #expect(comparison.differences.changes == ["+2 paragraphs at the end"])
        #expect(comparison.differences.wordsAdded == 8)
        #expect(comparison.differences.wordsRemoved == 0)
    }

    @Test func wordsInsertedAfterAParagraph() {
        let member = Self.body.replacingOccurrences(
            of: "the end user.", with: "the end user.\n\nSUBSCRIBE to our morning newsletter today.")
        #expect(changes("Chip rules", member) == ["6 words inserted after paragraph 2"])
    }

    @Test func headlineAndSpelling() {
        let member = Self.body.replacingOccurrences(of: "licence", with: "license")
        #expect(changes("Vestmark chip rules", member) == ["headline changed", "spelling: licence→license"])
    }

    @Test func aRespellingThroughoutIsOneChange() {
        let canonical = "Zelensky met the envoy. Zelensky said talks would go on.\n\nLater, Zelensky left."
        let member = canonical.replacingOccurrences(of: "Zelensky", with: "Zelenskiy")
        let comparison = StoryComparison(canonical: ("T", canonical), member: ("T", member))
        #expect(comparison.differences.changes == ["spelling: Zelensky→Zelenskiy (3 times)"])
    }

    @Test func caseAndPunctuationAreNoChange() {
        #expect(changes("CHIP RULES!", Self.body.uppercased()) == ["same words"])
    }

    @Test func removalsAndReplacements() {
        let member = """
            KESTREL BAY, Aug 13 - Vestmark will require a licence for every chip shipment.

            "We are not closing the door," the minister said.
            """
        #expect(changes("Chip rules", member) == ["paragraph 2 removed"])
        let shortened = Self.body.replacingOccurrences(of: " name the end user", with: " say who buys them")
        #expect(changes("Chip rules", shortened) == ["4 words replaced by 4 in paragraph 2"])
        let trimmed = Self.body.replacingOccurrences(
            of: "\n\n\"We are not closing the door,\" the minister said.", with: "")
        #expect(changes("Chip rules", trimmed) == ["-1 paragraph at the end"])
    }

    @Test func oneLineSummary() {
        let differences = StoryDifferences(changes: ["a", "b", "c", "d", "e", "f"], wordsAdded: 0, wordsRemoved: 0)
        #expect(differences.line() == "a; b; c; d; 2 more changes")
    }

    @Test func diffText() {
        let text = DiffText("Aid, at last.\n\n\nMore")
        #expect(text.words == ["Aid,", "at", "last.", "More"])
        #expect(text.paragraphs == [0, 0, 0, 1])
        #expect(text.keys == ["aid", "at", "last", "more"])
        #expect(DiffText.key("Zelenskiy's,") == "zelenskiys")
        #expect(DiffText.key("Café") == "cafe")
        #expect(DiffText.key("-") == DiffText.key("—"))
    }
}

extension StoryComparisonTests {
    /// The byte scanner splits as Character iteration would: Unicode spaces and line breaks
    /// included, non-ASCII words folded.
    @Test func diffTextSplitsOnUnicodeSpacesAndLines() {
        let text = DiffText("Café\u{00A0}au\u{2009}lait\u{2028}“Quoted” — end\r\nLast\u{3000}WORD")
        #expect(text.words == ["Café", "au", "lait", "“Quoted”", "—", "end", "Last", "WORD"])
        #expect(text.paragraphs == [0, 0, 0, 1, 1, 1, 2, 2])
        #expect(text.keys == ["cafe", "au", "lait", "quoted", "", "end", "last", "word"])
        for sample in ["a  b\n\n\nc", " lead", "trail ", "", "\n\n", "Zelenskiy's, 2025-08-13: ok"] {
            let expected = sample.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
                .flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
            #expect(DiffText(sample).words == expected)
            #expect(DiffText(sample).keys == expected.map { DiffText.key(Substring($0)) })
        }
    }
}
