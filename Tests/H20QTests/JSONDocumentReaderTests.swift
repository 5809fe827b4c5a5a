import Foundation
import H20QFixtures
import Testing

@testable import H20QInput

struct JSONDocumentReaderTests {
    @Test func readsAnArrayWithLineNumbers() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "stories.json",
            """
            [
              {"id": "j1", "title": "First"},
              {"id": "j2"},
              {"id": "j3", "title": "Third"}
            ]
            """)
        let (stories, problems) = readEvents(path)
        #expect(stories.map(\.id) == ["j1", "j3"])
        #expect(stories.map(\.location.line) == [2, 4])
        #expect(problems == ["\(path):3: story has neither title nor body text"])
    }

    @Test func reportsTheLineOfASyntaxError() {
        let folder = TemporaryFolder()
        let path = folder.write("broken.json", "[\n {\"id\": \"j1\", \"title\": \"x\"},\n {\"id\": }\n]")
        #expect(readEvents(path).problems == ["\(path):3: invalid JSON at column 9: expected a value, found '}'"])
    }
}
