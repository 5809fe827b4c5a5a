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
}
