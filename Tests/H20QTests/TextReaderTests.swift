import Foundation
import H20QFixtures
import Testing

@testable import H20QInput

struct TextReaderTests {
    @Test func firstLineIsTheTitle() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "note.txt", "\n\n  Ministry widens chip rules  \nFirst paragraph.\n\nSecond paragraph.\n")
        let story = readEvents(path).stories.first
        #expect(story?.title == "Ministry widens chip rules")
        #expect(story?.body == "First paragraph.\n\nSecond paragraph.")
        #expect(story?.id == path)
        #expect(story?.location.line == 3)
    }

    /// Lines end at LF, CR LF or a lone CR: a file from Windows keeps its body.
    @Test(arguments: ["\r\n", "\r", "\n"])
    func anyLineEndingSeparatesTheTitle(ending: String) {
        let folder = TemporaryFolder()
        let text = [
            "---", "id: crlf", "---", "Ferry sailings cut", "", "The winter timetable starts.", "Two sailings.",
        ]
        let path = folder.write("note.md", text.joined(separator: ending))
        let (stories, problems) = readEvents(path)
        #expect(problems.isEmpty)
        #expect(stories.first?.id == "crlf")
        #expect(stories.first?.title == "Ferry sailings cut")
        #expect(stories.first?.body == "The winter timetable starts.\nTwo sailings.")
        #expect(stories.first?.location.line == 4)
    }

    @Test func markdownLosesItsMarkupAndFrontMatterSetsFields() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "brief.md",
            """
            ---
            id: brief-1
            source: "Desk Notes"
            published: 2025-08-14T07:00:00Z
            region: asia
            ---
            # Licence **rules** tightened
            Read [the notice](https://example.org/notice) and ![chart](c.png) `now`.

            ```
            code stays
            ```
            """)
        let story = readEvents(path).stories.first
        #expect(story?.id == "brief-1")
        #expect(story?.source == "Desk Notes")
        #expect(story?.published?.text == "2025-08-14T07:00:00Z")
        #expect(story?.title == "Licence rules tightened")
        #expect(story?.body == "Read the notice and chart now.\n\n\ncode stays")
        #expect(story?.metadata == .object([("region", .string("asia"))]))
    }

    @Test func aTitleInFrontMatterLeavesEveryLineToTheBody() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "titled.md", "---\ntitle: Set above\n---\nFirst paragraph line that matters.\n\nSecond.\n")
        let story = readEvents(path).stories.first
        #expect(story?.title == "Set above")
        #expect(story?.body == "First paragraph line that matters.\n\nSecond.")
        let titleOnly = folder.write("flash.txt", "---\ntitle: Flash: chips curbed\n---\n")
        #expect(readEvents(titleOnly).stories.first?.title == "Flash: chips curbed")
    }

    @Test func emptyFileIsAProblem() {
        let folder = TemporaryFolder()
        let path = folder.write("empty.md", "\n\n")
        #expect(readEvents(path).problems == ["\(path): story has neither title nor body text"])
    }

    /// "Unicode" text from Windows editors: UTF-16 after a byte-order mark, either byte order.
    @Test(arguments: [false, true])
    func utf16TextIsTranscoded(_ bigEndian: Bool) {
        let folder = TemporaryFolder()
        let path = folder.write(
            "note.txt", utf16("Café naïve 📰 title\nBody with ü and 🚢.\n", bigEndian: bigEndian))
        let (stories, problems) = readEvents(path)
        #expect(problems.isEmpty)
        #expect(stories.first?.title == "Café naïve 📰 title")
        #expect(stories.first?.body == "Body with ü and 🚢.")
    }
}
