import Foundation
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput

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

    @Test func textAfterAnEmbedInADescriptionIsKept() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "flash.rss",
            """
            <rss><channel><item><title>Flash</title>
            <description>safe&lt;embed src="x.swf"&gt; description</description></item></channel></rss>
            """)
        #expect(readEvents(path).stories.first?.body == "safe description")
    }

    /// A description nested 300 levels deep keeps the text inside and after the nesting.
    @Test func deeplyNestedDescriptionKeepsAllItsText() {
        let folder = TemporaryFolder()
        let divs = String(repeating: "<div>", count: 300) + "inner" + String(repeating: "</div>", count: 300)
        let path = folder.write(
            "deep.rss",
            "<rss><channel><item><title>Deep</title><description><![CDATA[" + divs
                + "after the nesting]]></description></item></channel></rss>")
        let (stories, problems) = onReadingThread { readEvents(path) }
        #expect(problems.isEmpty)
        #expect(stories.first?.body == "inner\n\nafter the nesting")
    }
}
