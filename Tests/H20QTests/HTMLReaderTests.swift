import Foundation
import H20QFixtures
import Testing

@testable import H20QInput

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

    /// Unclosed `<p><font>` pairs, as old pages write them, nest 1,200 levels deep: libxml2
    /// alone stops at level 256 (hidden by its recovery mode), which lost every later paragraph.
    /// libxml2's HTML 4 parser nests what follows an `<embed>` (or an unclosed `<object>`)
    /// inside it: that is the page's text, not the plug-in's.
    @Test func textAfterEmbedAndObjectIsKept() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "flash.html",
            """
            <title>t</title><body><p>safe<embed src="x.swf"> description</p>
            <p>a<object data="x.swf"><param name="movie" value="x.swf"><embed src="x.swf"></object> b</p>
            <p>c<object data="y.swf"><param name="q" value="1"> after</p></body>
            """)
        #expect(readEvents(path).stories.first?.body == "safe description\n\na b\n\nc after")
    }

    @Test func aPageWithoutCharsetInWindows1252IsReadAsWindows1252() {
        let folder = TemporaryFolder()
        let bytes =
            singleByte("<title>Don\u{92}t</title><body><p>\u{93}quoted\u{94} na\u{EF}ve, ") + Array("café</p>".utf8)
        let story = readEvents(folder.write("page.html", Data(bytes))).stories.first
        #expect(story?.title == "Don\u{2019}t")
        #expect(story?.body == "\u{201C}quoted\u{201D} naïve, café")
    }

    @Test func deeplyNestedParagraphsKeepAllTheirText() {
        let folder = TemporaryFolder()
        let paragraphs = (0..<600).map { "<p><font size=2>para \($0) text" }.joined()
        let path = folder.write("deep.html", "<html><title>t</title><body>" + paragraphs + "</body></html>")
        let (stories, problems) = onReadingThread { readEvents(path) }
        #expect(problems.isEmpty)
        #expect(stories.first?.body == (0..<600).map { "para \($0) text" }.joined(separator: "\n\n"))
    }

    @Test func textInsideAndAfterDeepNestingIsKept() {
        let folder = TemporaryFolder()
        let divs = String(repeating: "<div>", count: 300) + "inner" + String(repeating: "</div>", count: 300)
        let path = folder.write("divs.html", "<title>t</title><body>" + divs + "after the nesting</body>")
        let bold = folder.write(
            "bold.html", "<title>t</title><body>start " + String(repeating: "<b>", count: 20_000) + "end text</body>")
        let (divsRead, boldRead) = onReadingThread { (readEvents(path), readEvents(bold)) }
        #expect(divsRead.stories.first?.body == "inner\n\nafter the nesting")
        #expect(boldRead.stories.first?.body == "start end text")
        #expect(divsRead.problems.isEmpty && boldRead.problems.isEmpty)
    }

    /// 300,000 levels (900 KB of `<b>`; a 16 MiB page holds 5.6 million) are walked without
    /// recursion: on the reading thread's 8 MiB stack, recursive walks overflowed it.
    @Test func aVeryDeepPageDoesNotExhaustTheStack() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "abyss.html",
            "<title>t</title><body><header><h1>Abyss</h1></header><article>start "
                + String(repeating: "<b>", count: 300_000) + "end text</body>")
        let (stories, problems) = onReadingThread { readEvents(path) }
        #expect(problems.isEmpty)
        #expect(stories.first?.body == "start end text")
    }

    /// Nested articles and headers are weighed in one pass: measuring each one's text apart took
    /// time quadratic in the depth (100 s for 20,000 nested articles).
    @Test func nestedArticlesAndHeadersTakeLinearTime() {
        let folder = TemporaryFolder()
        let articles = folder.write(
            "articles.html", "<title>t</title><body>" + String(repeating: "<article>a ", count: 20_000) + "</body>")
        let headers = folder.write(
            "headers.html", "<title>t</title><body>" + String(repeating: "<header><h1>h</h1>", count: 20_000))
        let clock = ContinuousClock()
        var read: (articles: [IncomingStory], headers: [IncomingStory]) = ([], [])
        let elapsed = clock.measure {
            read = onReadingThread { (readEvents(articles).stories, readEvents(headers).stories) }
        }
        #expect(elapsed < .seconds(10))
        #expect(read.articles.first?.body == Array(repeating: "a", count: 20_000).joined(separator: "\n\n"))
        #expect(read.headers.first?.body == Array(repeating: "h", count: 20_000).joined(separator: "\n\n"))
    }

    /// Should libxml2 stop before the end of a page after all (another version, another limit),
    /// the document says where and why, so that the cut is reported rather than silent.
    @Test func aParserThatStopsEarlySaysSo() {
        let page = "<body><p>kept " + String(repeating: "<div>", count: 300) + "lost</body>"
        var halt: HTMLDocument.Halt?
        var text = ""
        HTMLDocument.parse(Array(page.utf8), relaxingLimits: false) { document in
            halt = document.halt
            text = document.root.map(HTMLText.text(of:)) ?? ""
        }
        #expect(text == "kept")
        #expect(halt?.message.contains("Excessive depth in document: 256") == true, "\(String(describing: halt))")
        #expect(halt?.line == 1)
        HTMLDocument.parse(Array(page.utf8)) { document in
            #expect(document.halt == nil)
            #expect(document.root.map(HTMLText.text(of:)) == "kept\n\nlost")
        }
    }

    @Test func aPageCutShortIsKeptWithAWarning() throws {
        let folder = TemporaryFolder()
        let path = folder.write(
            "cut.html", "<title>Cut</title>\n<body><p>kept\n" + String(repeating: "<div>", count: 300) + "lost</body>")
        let input = try ByteReader(path: path)
        var events: [ReaderEvent] = []
        HTMLDocument.parse(try input.readAll(limit: 1 << 20), relaxingLimits: false) {
            events = HTMLReader.events(of: $0, input: input)
        }
        guard events.count == 2, case .problem(let warning) = events[0], case .story(let story) = events[1] else {
            Issue.record("expected a warning and a story: \(events)")
            return
        }
        #expect(warning.isWarning)
        #expect(warning.location.line == 3)
        #expect(warning.message.hasPrefix("the rest of the page is lost: libxml2 stopped (Excessive depth"))
        #expect(story.body == "kept")
    }
}
