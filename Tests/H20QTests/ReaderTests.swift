import Foundation
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QIngest
@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

struct JSONLinesReaderTests {
    @Test func readsStoriesWithMetadataAndReportsBadLinesByNumber() throws {
        let folder = TemporaryFolder()
        let path = folder.write(
            "wire.jsonl",
            """
            {"id": "a1", "title": "Chip curbs", "body": "Body one.", "source": "Wire", "url": "https://x.example/a1", "published": "2025-08-13T09:30:00+02:00", "tags": ["chips"], "lang": "en"}
            not json

            {"title": "Text field works", "text": "Body two."}
            {"id": 42, "title": "", "content": "Numeric id and content field."}
            {"id": "a4", "title": "", "body": "   "}
            {"id": "a5", "title": "Bad date", "published": "yesterday"}
            {"id": "a6", "title": 7}
            ["not", "an", "object"]
            {"id": "a8", "title": "Flash only", "body": ""}
            """)
        let (stories, problems) = readEvents(path)
        #expect(stories.map(\.id) == ["a1", "\(path)#4", "42", "a8"])
        #expect(stories[0].published?.text == "2025-08-13T07:30:00Z")
        #expect(stories[0].metadata == .object([("tags", .array([.string("chips")])), ("lang", .string("en"))]))
        #expect(stories[0].location == InputLocation(path: path, line: 1))
        #expect(stories[1].body == "Body two.")
        #expect(stories[2].body == "Numeric id and content field.")
        #expect(stories[3].title == "Flash only" && stories[3].body.isEmpty)
        #expect(
            problems == [
                "\(path):2: invalid JSON at column 1: expected a value, found 'n'",
                "\(path):6: story has neither title nor body text",
                "\(path):7: \"published\" is not an ISO-8601 date: \"yesterday\"",
                "\(path):8: \"title\" must be a string, found a number",
                "\(path):9: expected a JSON object for a story, found an array",
            ])
    }

    @Test func urlIsTheIdentityWhenThereIsNoId() {
        let folder = TemporaryFolder()
        let path = folder.write("w.jsonl", #"{"url": "https://x.example/story", "title": "T"}"#)
        #expect(readEvents(path).stories.first?.id == "https://x.example/story")
    }

    @Test func theFileIdentityIsItsRealPathHoweverItIsNamed() throws {
        let folder = TemporaryFolder()
        folder.write("d/w.jsonl", #"{"title": "Untitled wire story"}"#)
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/link", withDestinationPath: folder.path + "/d")
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/d/loop", withDestinationPath: folder.path + "/d")
        let ids = [folder.path + "/d", folder.path + "/d/../d/", folder.path + "/link"].map { path in
            readEvents(path).stories.map(\.id)
        }
        #expect(ids.allSatisfy { $0 == [folder.path + "/d/w.jsonl#1"] }, "\(ids)")
    }

    @Test func gzipIsReadTransparentlyIncludingConcatenatedMembers() throws {
        let folder = TemporaryFolder()
        let first = try gzip(Data(#"{"id": "g1", "title": "One"}"#.utf8 + [0x0A]))
        let second = try gzip(Data(#"{"id": "g2", "title": "Two"}"#.utf8))
        let path = folder.write("wire.jsonl.gz", first + second)
        let (stories, problems) = readEvents(path)
        #expect(problems.isEmpty)
        #expect(stories.map(\.id) == ["g1", "g2"])
    }

    @Test func truncatedGzipIsAnErrorAfterTheStoriesBeforeIt() throws {
        let folder = TemporaryFolder()
        var lines = ""
        for n in 1...2000 { lines += #"{"id": "t\#(n)", "title": "Story number \#(n) with some words"}"# + "\n" }
        let compressed = try gzip(Data(lines.utf8))
        let path = folder.write("cut.jsonl.gz", compressed.prefix(compressed.count - 20))
        let (stories, problems) = readEvents(path)
        #expect(stories.count > 1000)
        #expect(problems == ["\(path): gzip data ends early (truncated file?)"])
    }

    @Test func aRunawayLineIsSkippedNotHeld() {
        let folder = TemporaryFolder()
        let long = #"{"id": "big", "title": ""# + String(repeating: "x", count: LineReader.defaultLimit + 10) + #""}"#
        let path = folder.write(
            "runaway.jsonl", #"{"id": "a", "title": "A"}"# + "\n" + long + "\n" + #"{"id": "b", "title": "B"}"#)
        let (stories, problems) = readEvents(path)
        #expect(stories.map(\.id) == ["a", "b"])
        #expect(problems == ["\(path):2: line longer than 8 MiB, skipped"])
    }

    @Test func gzipInflatesInBoundedPiecesAndIgnoresZeroPadding() throws {
        let folder = TemporaryFolder()
        // 8 MiB of blank lines compress to a few kilobytes.
        let blank = Data(repeating: 0x20, count: 8 << 20)
        let compressed =
            try gzip(Data(#"{"id": "z", "title": "Zeros"}"#.utf8 + [0x0A]) + blank) + Data(repeating: 0, count: 512)
        let path = folder.write("padded.jsonl.gz", compressed)
        let reader = try ByteReader(path: path)
        var largest = 0
        var total = 0
        while let chunk = try reader.nextChunk() {
            largest = max(largest, chunk.count)
            total += chunk.count
        }
        #expect(largest <= 1 << 20)
        #expect(total == (8 << 20) + 30)
        #expect(readEvents(path).stories.map(\.id) == ["z"])
    }

    @Test func aByteOrderMarkIsNotText() {
        let folder = TemporaryFolder()
        let path = folder.write("bom.jsonl", Data([0xEF, 0xBB, 0xBF] + Array(#"{"id": "b", "title": "Marked"}"#.utf8)))
        #expect(readEvents(path).stories.map(\.title) == ["Marked"])
        let text = folder.write("bom.txt", Data([0xEF, 0xBB, 0xBF] + Array("Title\nBody".utf8)))
        #expect(readEvents(text).stories.map(\.title) == ["Title"])
    }

    @Test func invalidUTF8IsDecodedLossily() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "latin.jsonl", Data(#"{"id": "l1", "title": "Caf"#.utf8 + [0xE9] + #"", "body": "x"}"#.utf8))
        #expect(readEvents(path).stories.first?.title == "Caf\u{FFFD}")
    }
}

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
}

struct HTMLReaderTests {
    @Test func takesTitleAndVisibleArticleText() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "page.html",
            """
            <!DOCTYPE html>
            <html><head>
            <title>Chip rules tightened | Example Times</title>
            <meta property="og:site_name" content="Example Times">
            <meta property="article:published_time" content="2025-08-13T10:00:00+01:00">
            <link rel="canonical" href="https://times.example/chips">
            <style>p { color: red }</style>
            <script>var tracking = "script text";</script>
            </head><body>
            <nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <div role="banner">Accept cookies</div>
            <article><h1>Chip rules tightened</h1>
            <p>The ministry   said on <b>Wednesday</b> it would widen licences.</p>
            <p>Exporters have<br>30 days.</p>
            <aside>Related: other news</aside>
            </article>
            <footer>© Example Times</footer>
            </body></html>
            """)
        let (stories, problems) = readEvents(path)
        #expect(problems.isEmpty)
        let story = stories.first
        #expect(story?.title == "Chip rules tightened | Example Times")
        #expect(
            story?.body
                == "Chip rules tightened\n\nThe ministry said on Wednesday it would widen licences.\n\nExporters have\n\n30 days."
        )
        #expect(story?.id == "https://times.example/chips")
        #expect(story?.source == "Example Times")
        #expect(story?.published?.text == "2025-08-13T09:00:00Z")
    }

    @Test func tagSoupStillReads() {
        let folder = TemporaryFolder()
        let path = folder.write("soup.htm", "<title>Soup</title><p>one<p>two<br>three</b></i>")
        #expect(readEvents(path).stories.first?.body == "one\n\ntwo\n\nthree")
    }
}

struct FeedReaderTests {
    @Test func readsRSSItems() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "desk.rss",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Chip Desk</title><link>https://desk.example</link>
            <item>
              <title>Licences widened</title>
              <link>https://desk.example/1</link>
              <guid isPermaLink="false">desk-1</guid>
              <pubDate>Wed, 13 Aug 2025 10:05:00 GMT</pubDate>
              <description><![CDATA[<p>The ministry <a href="x">widened</a> licences.</p><p>Second &amp; last.</p>]]></description>
              <category>chips</category>
              <dc:creator>A. Writer</dc:creator>
            </item>
            <item>
              <title>No guid here</title>
              <link>https://desk.example/2</link>
              <description>Plain &lt;b&gt;escaped&lt;/b&gt; HTML.</description>
            </item>
            <item><title></title><description></description></item>
            <item><title>Bad date</title><pubDate>sometime</pubDate></item>
            </channel></rss>
            """)
        let (stories, problems) = readEvents(path)
        // A short guid is qualified by the feed's link: another feed's item desk-1 is another story.
        #expect(stories.map(\.id) == ["https://desk.example#desk-1", "https://desk.example/2"])
        #expect(stories[0].body == "The ministry widened licences.\n\nSecond & last.")
        #expect(stories[0].source == "Chip Desk")
        #expect(stories[0].published?.text == "2025-08-13T10:05:00Z")
        #expect(
            stories[0].metadata
                == .object([
                    ("author", .string("A. Writer")), ("categories", .array([.string("chips")])),
                    ("feed", .string("Chip Desk")),
                ]))
        #expect(stories[1].body == "Plain escaped HTML.")
        #expect(
            problems == ["\(path):18: item has neither title nor text", "\(path):19: unreadable date \"sometime\""])
    }

    @Test func readsAtomEntries() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "wire.atom",
            """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Tech Wire</title>
            <entry><id>urn:tw:1</id><title type="html">Chips &lt;b&gt;curbed&lt;/b&gt;</title>
              <link rel="self" href="https://tw.example/self"/><link rel="alternate" href="https://tw.example/1"/>
              <published>2025-08-13T09:00:00Z</published><author><name>B. Writer</name></author>
              <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body <em>here</em>.</p></div></content>
            </entry></feed>
            """)
        let story = readEvents(path).stories.first
        #expect(story?.id == "urn:tw:1")
        #expect(story?.title == "Chips curbed")
        #expect(story?.url == "https://tw.example/1")
        #expect(story?.body == "Body here.")
        #expect(story?.source == "Tech Wire")
    }

    @Test(arguments: [
        ("<rss><channel><item><title>oops</item></channel></rss>", 1),
        ("<?xml version=\"1.0\"?>\n<rss>\n<channel>\n<item><title>cut off", 4),
    ])
    func malformedXMLIsRejectedWholeWithItsLine(_ text: String, _ line: Int) {
        let folder = TemporaryFolder()
        let path = folder.write("bad.xml", text)
        let (stories, problems) = readEvents(path)
        #expect(stories.isEmpty)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("\(path):\(line): malformed XML: ") == true, "\(problems)")
    }

    @Test func otherXMLIsNotAFeed() {
        let folder = TemporaryFolder()
        let path = folder.write("config.xml", "<config><a/></config>")
        #expect(readEvents(path).problems == ["\(path):1: not an RSS or Atom feed (root element <config>)"])
    }
}

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
            #"{"id": "x\u0000y", "title": "Chip\u001b[31m curbs\u0003", "body": "line one\r\nline two\u0000\ttab", "tags": ["a\u0002b"]}"#
        )
        let story = readEvents(path).stories.first
        #expect(story?.id == "x%00y")
        #expect(story?.title == "Chip[31m curbs")
        #expect(story?.body == "line one\nline two\ttab")
        #expect(story?.metadata == .object([("tags", .array([.string("ab")]))]))
    }
}
