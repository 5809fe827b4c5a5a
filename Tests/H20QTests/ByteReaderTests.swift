import Foundation
import H20QFixtures
import Testing

@testable import H20QInput

struct ByteReaderTests {
    /// A surrogate pair split by the 1 MiB read boundary is joined again.
    @Test func utf16JSONLinesAcrossAChunkBoundary() {
        let folder = TemporaryFolder()
        let head = #"{"id": "a", "title": "Straddling", "body": ""#
        // The mark takes bytes 0-1, code unit k bytes 2+2k…: 📰's high half ends the first MiB.
        let padding = String(repeating: "x", count: (1 << 20 - 2) / 2 - 1 - head.utf16.count)
        let text = head + padding + "📰 end\"}\n" + #"{"id": "b", "title": "Next ü", "body": "after 🚢"}"# + "\n"
        let path = folder.write("wire.jsonl", utf16(text, bigEndian: false))
        let (stories, problems) = readEvents(path)
        #expect(problems.isEmpty)
        #expect(stories.map(\.id) == ["a", "b"])
        #expect(stories.first?.body == padding + "📰 end")
        #expect(stories.last?.title == "Next ü")
        #expect(stories.last?.body == "after 🚢")
    }

    @Test func gzippedUTF16IsTranscodedAfterDecompression() throws {
        let folder = TemporaryFolder()
        let path = folder.write("note.txt.gz", try gzip(utf16("Grüße 📰\nBody.", bigEndian: true)))
        #expect(readEvents(path).stories.first?.title == "Grüße 📰")
    }

    /// A page or feed in UTF-16 says so inside, which is no longer true of the UTF-8 readers see.
    @Test func utf16PagesAndFeedsAreRead() {
        let folder = TemporaryFolder()
        let page = folder.write(
            "page.html",
            utf16(
                #"<html><head><meta charset="utf-16"><title>Grüße 📰</title></head><body><p>Körper 🚢</p></body></html>"#,
                bigEndian: false))
        // The mark wins over what the page says (browsers agree).
        let mislabelled = folder.write(
            "mislabelled.html",
            utf16(
                #"<meta charset="windows-1252"><title>Grüße 📰</title><p>Körper 🚢</p>"#, bigEndian: true))
        let feed = folder.write(
            "feed.rss",
            utf16(
                #"<?xml version="1.0" encoding="UTF-16"?><rss><channel><item><title>Grüße 📰</title>"#
                    + "<description>Körper 🚢</description></item></channel></rss>",
                bigEndian: true))
        for path in [page, mislabelled, feed] {
            let (stories, problems) = readEvents(path)
            #expect(problems.isEmpty, "\(path)")
            #expect(stories.first?.title == "Grüße 📰", "\(path)")
            #expect(stories.first?.body == "Körper 🚢", "\(path)")
        }
    }
}
