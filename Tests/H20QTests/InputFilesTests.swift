import Foundation
import H20QFixtures
import Testing

@testable import H20QInput

struct InputFilesTests {
    @Test func foldersAreWalkedInOrderSkippingHiddenAndUnknownFiles() {
        let folder = TemporaryFolder()
        folder.write("b/2.jsonl", "")
        folder.write("a.md", "x")
        folder.write(".hidden/x.jsonl", "")
        folder.write(".dot.jsonl", "")
        folder.write("notes.doc", "")
        folder.write("c.XML.gz", "")
        let expansion = InputFiles.expand([folder.path], format: nil)
        #expect(
            expansion.files.map { String($0.path.dropFirst(folder.path.count + 1)) } == [
                "a.md", "b/2.jsonl", "c.XML.gz",
            ])
        #expect(expansion.files.map(\.format) == [.markdown, .jsonLines, .feed])
        #expect(expansion.skipped.count == 1)
    }

    @Test func explicitFilesNeedAKnownFormatOrAFlag() {
        let folder = TemporaryFolder()
        let path = folder.write("story.doc", "Title\nBody")
        #expect(InputFiles.expand([path], format: nil).problems.count == 1)
        #expect(InputFiles.expand([path], format: .text).files.count == 1)
        #expect(
            InputFiles.expand([folder.path + "/missing.jsonl"], format: nil).problems.map(\.message) == [
                "cannot open: No such file or directory"
            ])
    }
}
