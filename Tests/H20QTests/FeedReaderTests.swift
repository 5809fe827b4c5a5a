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
        #expect(stories.map(\.id) == ["https://desk.example#desk-1", "https://desk.example/2", "\(path)#4"])
        #expect(stories[2].title == "Bad date" && stories[2].published == nil, "kept, undated")
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
            problems == [
                "\(path):18: item has neither title nor text",
                "\(path):19: warning: unreadable date \"sometime\"; stored undated",
            ])
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

    /// Extension modules have their own `title`, `description`, `link`… (Media RSS, Atom's
    /// `link` in a channel): an item's fields are matched by namespace, before or after them.
    @Test func rss2FieldsAreTheItemsOwnNotAnExtensionsLookAlikes() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "media.rss",
            """
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom"
              xmlns:ext="http://example.org/ext">
            <channel><atom:link rel="self" href="https://desk.example/feed"/><title>Desk</title>
            <link>https://desk.example</link>
            <item>
              <media:title>Media title</media:title><title>Real title one</title>
              <ext:description>Extension text, longer than the real description of the item</ext:description>
              <description>Real description one</description>
              <ext:guid>ext-1</ext:guid><guid>g1</guid>
              <ext:link>https://wrong.example/1</ext:link><link>https://desk.example/1</link>
              <media:category>media</media:category><category>real</category>
              <ext:author>Wrong Writer</ext:author><author>Real Writer</author>
            </item>
            <item>
              <title>Real title two</title><media:title>Media title</media:title>
              <description>Real description two</description>
              <ext:description>Extension text, longer than the real description of the item</ext:description>
              <link>https://desk.example/2</link><ext:link>https://wrong.example/2</ext:link>
              <pubDate>Wed, 13 Aug 2025 10:05:00 GMT</pubDate><ext:pubDate>not a date</ext:pubDate>
            </item>
            </channel></rss>
            """)
        let (stories, problems) = readEvents(path)
        #expect(problems.isEmpty)
        #expect(stories.map(\.title) == ["Real title one", "Real title two"])
        #expect(stories.map(\.body) == ["Real description one", "Real description two"])
        #expect(stories.map(\.url) == ["https://desk.example/1", "https://desk.example/2"])
        // The channel's own <link>, not atom:link, qualifies the short guid.
        #expect(stories.first?.id == "https://desk.example#g1")
        #expect(
            stories.first?.metadata
                == .object([
                    ("author", .string("Real Writer")), ("categories", .array([.string("real")])),
                    ("feed", .string("Desk")),
                ]))
        #expect(stories.last?.published?.text == "2025-08-13T10:05:00Z")
    }

    /// RSS 1.0 items are in the RSS 1.0 namespace; Dublin Core and content:encoded are known by
    /// their namespaces, whatever prefixes a feed binds them to.
    @Test func rss1FieldsAreMatchedByNamespaceNotPrefix() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "desk.xml",
            """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
              xmlns:x="http://purl.org/dc/elements/1.1/" xmlns:body="http://purl.org/rss/1.0/modules/content/"
              xmlns:dc="http://example.org/not-dublin-core" xmlns:content="http://example.org/not-content"
              xmlns:ext="http://example.org/ext">
            <channel rdf:about="https://rdf.example/"><title>RDF Desk</title><link>https://rdf.example/</link></channel>
            <item rdf:about="https://rdf.example/1">
              <ext:title>Extension title</ext:title><title>One</title>
              <ext:description>Extension text, longer than the real description of the item</ext:description>
              <description>Real one</description>
              <dc:date>not a date</dc:date><x:date>2025-08-13T10:00:00Z</x:date>
              <dc:creator>Wrong Writer</dc:creator><x:creator>A. Writer</x:creator>
            </item>
            <item rdf:about="https://rdf.example/2">
              <title>Two</title><description>Real two</description>
              <ext:description>Extension text, longer than the real description of the item</ext:description>
              <content:encoded>Not the content module: longer than anything else in this item, by far</content:encoded>
              <body:encoded>&lt;p&gt;Full text of two.&lt;/p&gt;</body:encoded>
            </item>
            </rdf:RDF>
            """)
        let (stories, problems) = readEvents(path)
        #expect(problems.isEmpty)
        #expect(stories.map(\.id) == ["https://rdf.example/1", "https://rdf.example/2"])
        #expect(stories.map(\.title) == ["One", "Two"])
        #expect(stories.map(\.body) == ["Real one", "Full text of two."])
        #expect(stories.first?.published?.text == "2025-08-13T10:00:00Z")
        #expect(stories.first?.source == "RDF Desk")
        #expect(stories.first?.metadata == .object([("author", .string("A. Writer")), ("feed", .string("RDF Desk"))]))
    }

    /// RSS 2.0 feeds may bind content: and dc: to other prefixes too.
    @Test func rss2ModulesAreKnownByNamespace() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "modules.rss",
            """
            <rss version="2.0" xmlns:c="http://purl.org/rss/1.0/modules/content/"
              xmlns:d="http://purl.org/dc/elements/1.1/">
            <channel><title>Desk</title><link>https://desk.example</link>
            <item><title>One</title><link>https://desk.example/1</link><description>Short</description>
              <c:encoded>&lt;p&gt;The whole story, longer than its description.&lt;/p&gt;</c:encoded>
              <d:date>2025-08-13T10:00:00Z</d:date><d:creator>A. Writer</d:creator>
            </item></channel></rss>
            """)
        let story = readEvents(path).stories.first
        #expect(story?.body == "The whole story, longer than its description.")
        #expect(story?.published?.text == "2025-08-13T10:00:00Z")
        #expect(story?.metadata == .object([("author", .string("A. Writer")), ("feed", .string("Desk"))]))
    }

    @Test func atomFieldsAreTheEntrysOwn() {
        let folder = TemporaryFolder()
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"
              xmlns:ext="http://example.org/ext">
            <ext:title>Extension feed title</ext:title><title>Tech Wire</title>
            <entry>
              <media:title>Media title</media:title><title>Real title</title><ext:id>ext-1</ext:id><id>urn:tw:1</id>
              <ext:link href="https://wrong.example/1"/><link href="https://tw.example/1"/>
              <ext:summary>Extension text, longer than the real summary of the entry</ext:summary>
              <summary>Real summary</summary><ext:published>not a date</ext:published>
              <published>2025-08-13T09:00:00Z</published>
            </entry>
            <entry>
              <title>Second</title><media:title>Media title</media:title><id>urn:tw:2</id>
              <summary>Second summary</summary>
              <ext:summary>Extension text, longer than the real summary of the entry</ext:summary>
            </entry></feed>
            """
        let path = folder.write("wire.atom", atom)
        let (stories, problems) = readEvents(path)
        #expect(problems.isEmpty)
        #expect(stories.map(\.id) == ["urn:tw:1", "urn:tw:2"])
        #expect(stories.map(\.title) == ["Real title", "Second"])
        #expect(stories.map(\.body) == ["Real summary", "Second summary"])
        #expect(stories.first?.url == "https://tw.example/1")
        #expect(stories.first?.source == "Tech Wire")
        // An Atom feed without xmlns has its fields in no namespace.
        let bare = folder.write(
            "bare.atom",
            atom.replacingOccurrences(of: #"xmlns="http://www.w3.org/2005/Atom" "#, with: ""))
        #expect(readEvents(bare).stories.map(\.title) == ["Real title", "Second"])
    }

    /// A feed without an encoding declaration whose bytes are Windows-1252 (or UTF-8 mixed
    /// with it) is read as browsers would, not with replacement characters.
    @Test(arguments: ["", #"<?xml version="1.0" encoding="utf-8"?>"#])
    func windows1252BytesAreReadAsWindows1252(_ declaration: String) {
        let folder = TemporaryFolder()
        let bytes =
            singleByte(
                declaration
                    + "<rss><channel><title>Desk</title><item><title>Don\u{92}t panic</title><description>caf\u{E9} costs 5 \u{80}, "
            ) + Array("café stays</description></item></channel></rss>".utf8)
        let path = folder.write("desk.rss", Data(bytes))
        let (stories, problems) = readEvents(path)
        #expect(problems.isEmpty)
        #expect(stories.first?.title == "Don\u{2019}t panic")
        #expect(stories.first?.body == "café costs 5 €, café stays")
    }

    /// A description is text the feed's parser has decoded already: a charset its HTML
    /// declares (a whole page pasted in) is no longer true of it.
    @Test func aCharsetInsideADescriptionIsIgnored() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "pasted.rss",
            """
            <rss><channel><item><title>Pasted</title><description>&lt;meta http-equiv="Content-Type"
            content="text/html; charset=iso-8859-1"&gt;&lt;p&gt;café ’&lt;/p&gt;</description></item></channel></rss>
            """)
        #expect(readEvents(path).stories.first?.body == "café ’")
    }

    @Test func aDeclaredEncodingIsStillLibxml2s() {
        let folder = TemporaryFolder()
        let bytes = singleByte(
            #"<?xml version="1.0" encoding="windows-1252"?><rss><channel><item><title>Don\#u{92}t</title>"#
                + "<description>caf\u{E9}</description></item></channel></rss>")
        let story = readEvents(folder.write("desk.rss", Data(bytes))).stories.first
        #expect(story?.title == "Don\u{2019}t")
        #expect(story?.body == "café")
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
