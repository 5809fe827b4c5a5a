import CLibXML2
import H20QDedup

/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one story per item or entry.
///
/// RSS: `title`; `content:encoded` or `description` (HTML, reduced to text); `link`; `guid`;
/// `pubDate` or `dc:date`; `source` or the channel's title as the source; `author`,
/// `dc:creator` and `category` kept as metadata. Atom: `title`; `content` or `summary`;
/// `link rel=alternate`; `id`; `published` or `updated`; the feed's title as the source.
/// An item's identity is its guid/id, else its link, else `path#n`.
///
/// A document that is not well-formed XML is rejected whole, with the line libxml2 stopped
/// at: a feed cut off in the middle is not silently half-read.
enum FeedReader {
    static let sizeLimit = 32 << 20

    static func read(_ input: ByteReader, emit: (ReaderEvent) -> Void) throws(InputProblem) {
        let bytes = UTF8Repair.repaired(try input.readAll(limit: sizeLimit))
        let path = input.location.path
        let feed = Feed(input: input, documentHash: StableHash.fnv1a(bytes))
        try XMLDocument.parse(bytes, location: input.location) { root throws(InputProblem) in
            switch root.name {
            case "rss":
                guard let channel = root.child("channel") else {
                    throw InputProblem(InputLocation(path: path, line: root.line), "RSS feed without a <channel>")
                }
                var feed = feed
                feed.title = channel.child("title").map { HTMLText.collapse($0.text) }
                feed.link = channel.child("link").map { String($0.text.trimmingSpaces) }
                let items = channel.elements.filter { $0.name == "item" }
                for (index, item) in items.enumerated() {
                    for event in rssItem(item, number: index + 1, feed: feed) { emit(event) }
                }
            case "rdf":
                var feed = feed
                feed.title = root.child("channel")?.child("title").map { HTMLText.collapse($0.text) }
                feed.link = root.child("channel")?.child("link").map { String($0.text.trimmingSpaces) }
                let items = root.elements.filter { $0.name == "item" }
                for (index, item) in items.enumerated() {
                    for event in rssItem(item, number: index + 1, feed: feed) { emit(event) }
                }
            case "feed":
                var feed = feed
                feed.title = root.child("title").map { atomText($0) }
                let entries = root.elements.filter { $0.name == "entry" }
                for (index, entry) in entries.enumerated() {
                    for event in atomEntry(entry, number: index + 1, feed: feed) { emit(event) }
                }
            default:
                throw InputProblem(
                    InputLocation(path: path, line: root.line),
                    "not an RSS or Atom feed (root element <\(root.name)>)")
            }
        }
    }

    /// What items are read against: where the feed came from, its title and link.
    struct Feed {
        let input: ByteReader
        /// Hash of the whole document: the feed's identity when nothing better is known.
        let documentHash: UInt64
        var title: String?
        var link: String?

        var path: String { input.location.path }

        /// An RSS guid as a story id: one that looks global (a URL, URN or tag: URI, or a long
        /// token) as it is, a short one (`123`) qualified by the feed, so that two feeds'
        /// item 123 stay two stories.
        func id(guid: String) -> String {
            if guid.contains(":") || guid.contains("/") || guid.count >= 20 { return guid }
            return "\(identity)#\(guid)"
        }

        /// The feed's link, else its file's real path, else its title, else its content.
        var identity: String {
            if let link, !link.isEmpty { return link }
            if let path = input.realPath { return path }
            if let title, !title.isEmpty { return "feed:" + title }
            return "feed:" + String(documentHash, radix: 16)
        }
    }

    /// The item's story, after warnings about it; or the problem that cost it.
    static func rssItem(_ item: XMLNode, number: Int, feed: Feed) -> [ReaderEvent] {
        let location = InputLocation(path: feed.path, line: item.line)
        let feedTitle = feed.title
        var warnings = Warnings(path: feed.path)
        let title = item.child("title").map { warnings.html(of: $0) } ?? ""
        let encoded = item.child("encoded", prefix: "content").map { warnings.html(of: $0) }
        let description = item.child("description").map { warnings.html(of: $0) }
        let body = [encoded, description].compactMap { $0 }.max(by: { $0.count < $1.count }) ?? ""
        let link =
            item.child("link").map { String($0.text.trimmingSpaces) }.flatMap { $0.isEmpty ? nil : $0 }
            ?? item.attribute("about")
        let guid = item.child("guid").map { String($0.text.trimmingSpaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let dateNode = item.child("pubdate") ?? item.child("date", prefix: "dc")
        let source = item.child("source").map { HTMLText.collapse($0.text) }.flatMap { $0.isEmpty ? nil : $0 }
        var metadata: [(key: String, value: JSONValue)] = []
        if let author = (item.child("author") ?? item.child("creator", prefix: "dc")).map({ HTMLText.collapse($0.text) }
        ),
            !author.isEmpty
        {
            metadata.append(("author", .string(author)))
        }
        let categories = item.elements.filter { $0.name == "category" }.map { HTMLText.collapse($0.text) }
        if !categories.isEmpty { metadata.append(("categories", .array(categories.map(JSONValue.string)))) }
        if let feedTitle, !feedTitle.isEmpty { metadata.append(("feed", .string(feedTitle))) }
        let event = makeStory(
            id: guid.map(feed.id) ?? link ?? feed.input.fallbackID(item: number, title: title, body: body),
            title: title, body: body, source: source ?? feedTitle,
            url: link, dateNode: dateNode, metadata: metadata, location: location)
        return warnings.before(event)
    }

    /// The entry's story, after warnings about it; or the problem that cost it.
    static func atomEntry(_ entry: XMLNode, number: Int, feed: Feed) -> [ReaderEvent] {
        let location = InputLocation(path: feed.path, line: entry.line)
        let feedTitle = feed.title
        var warnings = Warnings(path: feed.path)
        let title = entry.child("title").map { atomText($0, warnings: &warnings) } ?? ""
        let content = entry.child("content").map { atomText($0, warnings: &warnings) }
        let summary = entry.child("summary").map { atomText($0, warnings: &warnings) }
        let body = [content, summary].compactMap { $0 }.max(by: { $0.count < $1.count }) ?? ""
        let links = entry.elements.filter { $0.name == "link" }
        let link = (links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first)?
            .attribute("href").map { String($0.trimmingSpaces) }
        let id = entry.child("id").map { String($0.text.trimmingSpaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let dateNode = entry.child("published") ?? entry.child("updated")
        var metadata: [(key: String, value: JSONValue)] = []
        let authors = entry.elements.filter { $0.name == "author" }.compactMap { $0.child("name") }
            .map { HTMLText.collapse($0.text) }
        if let author = authors.first { metadata.append(("author", .string(author))) }
        let categories = entry.elements.filter { $0.name == "category" }.compactMap { $0.attribute("term") }
        if !categories.isEmpty { metadata.append(("categories", .array(categories.map(JSONValue.string)))) }
        if let feedTitle, !feedTitle.isEmpty { metadata.append(("feed", .string(feedTitle))) }
        let event = makeStory(
            id: id ?? link ?? feed.input.fallbackID(item: number, title: title, body: body),
            title: title, body: body, source: feedTitle,
            url: link, dateNode: dateNode, metadata: metadata, location: location)
        return warnings.before(event)
    }

    /// Text of an Atom text construct (the feed's title: a cut there costs no story's text).
    static func atomText(_ node: XMLNode) -> String {
        var unreported = Warnings(path: "")
        return atomText(node, warnings: &unreported)
    }

    /// Text of an Atom text construct: `type="html"` is HTML-escaped markup, `xhtml` inline
    /// markup, anything else plain text.
    static func atomText(_ node: XMLNode, warnings: inout Warnings) -> String {
        switch node.attribute("type")?.lowercased() {
        case "html"?: return warnings.html(of: node)
        case "xhtml"?: return HTMLText.text(of: node)
        default: return HTMLText.collapse(node.text)
        }
    }

    static func makeStory(
        id: String, title: String, body: String, source: String?, url: String?, dateNode: XMLNode?,
        metadata: [(key: String, value: JSONValue)], location: InputLocation
    ) -> ReaderEvent {
        guard !title.isEmpty || !body.isEmpty else {
            return .problem(InputProblem(location, "item has neither title nor text"))
        }
        var published: PublishedDate?
        if let dateText = dateNode.map({ String($0.text.trimmingSpaces) }), !dateText.isEmpty {
            guard let date = PublishedDate(dateText) else {
                return .problem(
                    InputProblem(
                        InputLocation(path: location.path, line: dateNode?.line ?? location.line),
                        "unreadable date \"\(dateText.prefix(40))\""))
            }
            published = date
        }
        return .story(
            IncomingStory(
                id: id, title: title, body: body, source: source, url: url, published: published,
                metadata: metadata.isEmpty ? nil : .object(metadata), location: location))
    }

    /// Warnings about an item's fields, reported before its story.
    struct Warnings {
        let path: String
        var events: [ReaderEvent] = []

        /// Text of the HTML in `node`; if libxml2 stopped before its end, a warning at the node.
        mutating func html(of node: XMLNode) -> String {
            HTMLText.text(ofHTML: node.text) { halt in
                let line = halt.line.map { " after its line \($0)" } ?? ""
                events.append(
                    .problem(
                        .warning(
                            InputLocation(path: path, line: node.line),
                            "text of <\(node.name)>\(line) is lost: libxml2 stopped (\(halt.message))")))
            }
        }

        /// The warnings and then `event` when it is a story (a problem speaks for itself).
        func before(_ event: ReaderEvent) -> [ReaderEvent] {
            guard case .story = event else { return [event] }
            return events + [event]
        }
    }
}
