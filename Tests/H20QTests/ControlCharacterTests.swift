import Foundation
import H20QFixtures
import Testing

@testable import H20QInput

struct ControlCharacterTests {
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
