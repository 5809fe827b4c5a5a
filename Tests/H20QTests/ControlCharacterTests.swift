import Foundation
import H20QFixtures
import Testing

@testable import H20QInput

struct ControlCharacterTests {
    /// The scan that lets eight bytes through at a time finds what the definition says, read
    /// on the text's scalars: every control at every offset of texts longer than a few words, a
    /// C1 control split across two words, and the characters around the thresholds that are not
    /// controls.
    @Test func theWordAtATimeScanFindsEveryControlTheScalarsHold() {
        func holdsControl(_ text: String, keepingLines: Bool) -> Bool {
            text.unicodeScalars.contains { scalar in
                let value = scalar.value
                if keepingLines && (scalar == "\n" || scalar == "\t") { return false }
                return value < 0x20 || (0x7F...0x9F).contains(value)
            }
        }
        let base = Array("Plain words, then «guillemets», °C, £5, naïve café ☃ and more words to pass.")
        let inserts: [String] = [
            "\u{0}", "\u{1B}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\n", "\t", "\r",
            // Not controls: the bytes just past each threshold.
            " ", "~", "\u{A0}", "\u{BF}", "é",
        ]
        var checked = 0
        var found = 0
        for insert in inserts {
            for offset in 0...base.count {
                var characters = base
                characters.insert(contentsOf: insert, at: offset)
                let text = String(characters)
                for keepingLines in [false, true] {
                    let expected = holdsControl(text, keepingLines: keepingLines)
                    #expect(
                        text.needsControlCleanup(keepingLines: keepingLines) == expected, "\(text.debugDescription)")
                    checked += 1
                    if expected { found += 1 }
                }
            }
        }
        #expect(checked == inserts.count * (base.count + 1) * 2)
        // Eight controls in both modes (CR too), line feed and tab only where lines are not kept.
        #expect(found == (base.count + 1) * (8 * 2 + 2))
        #expect(!String(base).needsControlCleanup(keepingLines: false))
    }

    @Test func pageAndLineBreaksOfEveryKindSeparateWords() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "breaks.jsonl",
            #"{"id": "b", "title": "one\u000btwo", "body": "ends here\fpage two\u000bvertical\u0085next"}"#)
        let story = readEvents(path).stories.first
        #expect(story?.title == "one two")
        #expect(story?.body == "ends here\npage two\nvertical\nnext")
    }

    @Test func controlCharactersNeverReachTheIndex() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "nul.jsonl",
            #"""
            {"id": "x", "title": "Chip\u001b[31m curbs\u0003", "body": "line one\r\nline two\u0000\ttab", "tags": ["a\u0002b"]}
            {"id": "x\u0000y", "title": "A NUL in the id"}
            """#
        )
        let (stories, problems) = readEvents(path)
        let story = stories.first
        #expect(stories.count == 1)
        #expect(
            problems == [
                "\(path):2: id has a control character (U+0000): ids are kept exactly as given, so give one without"
            ])
        #expect(story?.title == "Chip[31m curbs")
        #expect(story?.body == "line one\nline two\ttab")
        #expect(story?.metadata == .object([("tags", .array([.string("ab")]))]))
    }
}
