import H20QDedup

/// Reads a web page as one story: the title from `<title>` (else `og:title`, else the first
/// `<h1>`), the body from the visible text of the page's `<article>` (else `<main>`, else
/// `<body>`), without scripts, styles, navigation or forms.
///
/// Also picked up when present: the URL from `<link rel="canonical">` or `og:url` (which then
/// identifies the story), the source from `og:site_name`, and the date from
/// `article:published_time`, a `date` meta tag or the first `<time datetime>`.
///
/// However deep the page nests, all of its text is read (see `HTMLDocument`); should libxml2
/// stop before the end all the same, the story keeps what came before, after a warning
/// naming the line and libxml2's reason.
enum HTMLReader {
    static let sizeLimit = 16 << 20

    static func read(_ input: ByteReader, emit: (ReaderEvent) -> Void) throws(InputProblem) {
        let bytes = try input.readAll(limit: sizeLimit)
        var events = [ReaderEvent.problem(InputProblem(input.location, "not an HTML page"))]
        HTMLDocument.parse(bytes, isUTF8: input.transcodedFromUTF16) { events = self.events(of: $0, input: input) }
        for event in events { emit(event) }
    }

    /// The page's story, after a warning if libxml2 stopped before the end of the page (what it
    /// read is kept, and the loss reported where it began); or the problem that cost it.
    static func events(of document: HTMLDocument, input: ByteReader) -> [ReaderEvent] {
        guard let root = document.root else {
            return [.problem(InputProblem(input.location, "not an HTML page"))]
        }
        let event = story(from: root, input: input)
        guard let halt = document.halt else { return [event] }
        let location = InputLocation(path: input.location.path, line: halt.line)
        switch event {
        case .story:
            return [
                .problem(.warning(location, "the rest of the page is lost: libxml2 stopped (\(halt.message))")), event,
            ]
        case .problem(let problem):
            return [.problem(InputProblem(location, "\(problem.message) before libxml2 stopped (\(halt.message))"))]
        }
    }

    static func story(from root: XMLNode, input: ByteReader) -> ReaderEvent {
        let path = input.location.path
        let metas = root.descendants(where: { $0.name == "meta" })
        func meta(_ keys: String...) -> String? {
            for key in keys {
                for node in metas {
                    let name = (node.attribute("property") ?? node.attribute("name") ?? "").lowercased()
                    if name == key, let content = node.attribute("content")?.trimmingSpaces, !content.isEmpty {
                        return String(content)
                    }
                }
            }
            return nil
        }
        let titleElement = root.descendants(where: { $0.name == "title" }).first
        let content = contentRoot(of: root)
        let heading = content.descendants(where: { $0.name == "h1" }).first
        let title =
            [titleElement?.text, meta("og:title"), heading?.text]
            .compactMap { $0.map(HTMLText.collapse) }
            .first { !$0.isEmpty } ?? ""
        let body = HTMLText.text(of: content)
        let location = InputLocation(path: path, line: (titleElement ?? content).line)
        guard !title.isEmpty || !body.isEmpty else {
            return .problem(InputProblem(InputLocation(path: path), "page has neither a title nor visible text"))
        }
        let canonical = root.descendants(where: {
            $0.name == "link" && $0.attribute("rel")?.lowercased() == "canonical"
        }).first?.attribute("href")
        let url = [canonical, meta("og:url")].compactMap { $0.map { String($0.trimmingSpaces) } }.first { !$0.isEmpty }
        let dateText =
            meta("article:published_time", "date", "pubdate", "publishdate", "dc.date", "dcterms.created")
            ?? content.descendants(where: { $0.name == "time" }).first?.attribute("datetime")
        return .story(
            IncomingStory(
                id: url ?? input.fallbackID(item: nil, title: title, body: body),
                title: title,
                body: body,
                source: meta("og:site_name"),
                url: url,
                published: dateText.flatMap { PublishedDate($0) },
                metadata: nil,
                location: location))
    }

    /// The element holding the story: the `<article>` with the most text (the first of equals),
    /// else `<main>`, else `<body>`, else the whole document.
    static func contentRoot(of root: XMLNode) -> XMLNode {
        if let best = longestArticle(in: root) { return best }
        if let main = root.descendants(where: { $0.name == "main" || $0.attribute("role") == "main" }).first {
            return main
        }
        return root.descendants(where: { $0.name == "body" }).first ?? root
    }

    /// The `<article>` with the most text below it, in one pass: each article's share is the
    /// text seen between its start and its end, so nested articles cost no more than flat ones.
    static func longestArticle(in root: XMLNode) -> XMLNode? {
        var total = 0
        var order = 0
        var open: [(start: Int, order: Int)] = []
        var best: (node: XMLNode, count: Int, order: Int)?
        root.walk(
            enter: { node in
                if node.isText { total += node.content.count }
                guard node.isElement else { return false }
                if node.name == "article" {
                    open.append((total, order))
                    order += 1
                }
                return true
            },
            leave: { node in
                guard node.name == "article", let article = open.popLast() else { return }
                let count = total - article.start
                if best.map({ count > $0.count || (count == $0.count && article.order < $0.order) }) ?? true {
                    best = (node, count, article.order)
                }
            })
        return best?.node
    }
}
