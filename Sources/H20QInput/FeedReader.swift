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
/// Elements are matched by namespace and local name, never by local name alone nor by prefix
/// (see `XMLNode.child`): an item's own fields are in the item's own namespace (none for RSS
/// 2.0, `http://purl.org/rss/1.0/` for RSS 1.0, Atom's, or none for an Atom feed without
/// `xmlns`; RSS 0.90's and Atom 0.3's are read too), `content:encoded` and `dc:*` in theirs,
/// whatever their prefixes. So a Media RSS `media:title`, or another module's `description`,
/// is never taken for the item's own.
///
///     <item><media:title>Clip</media:title><title>Chips curbed</title>… -> title "Chips curbed"
///
/// A document that is not well-formed XML is rejected whole, with the line libxml2 stopped
/// at: a feed cut off in the middle is not silently half-read.
enum FeedReader {
    static let sizeLimit = 32 << 20

    /// The namespaces feeds are read in.
    enum Namespace {
        static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        static let rss1 = "http://purl.org/rss/1.0/"
        /// RSS 0.90, RSS 1.0's RDF predecessor.
        static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
        static let atom = "http://www.w3.org/2005/Atom"
        /// Atom 0.3, before the IETF's Atom 1.0.
        static let atom03 = "http://purl.org/atom/ns#"
        static let content = "http://purl.org/rss/1.0/modules/content/"
        static let dublinCore = "http://purl.org/dc/elements/1.1/"
    }

    static func read(_ input: ByteReader, emit: (ReaderEvent) -> Void) throws(InputProblem) {
        let bytes = UTF8Repair.repaired(try input.readAll(limit: sizeLimit))
        let path = input.location.path
        let feed = Feed(input: input, documentHash: StableHash.fnv1a(bytes))
        try XMLDocument.parse(bytes, location: input.location, transcoded: input.transcodedFromUTF16) {
            root throws(InputProblem) in
            // A feed's vocabulary is its root's namespace (RSS 2.0: none) or, in RDF, RSS 1.0's.
            switch (root.name, root.namespace) {
            case ("rss", let own):
                guard let channel = root.child("channel", in: own) else {
                    throw InputProblem(InputLocation(path: path, line: root.line), "RSS feed without a <channel>")
                }
                var feed = feed
                feed.title = channel.child("title", in: own).map { HTMLText.collapse($0.text) }
                feed.link = channel.child("link", in: own).map { String($0.text.trimmingSpaces) }
                for (index, item) in channel.elements("item", in: own).enumerated() {
                    for event in rssItem(item, number: index + 1, feed: feed) { emit(event) }
                }
            case ("rdf", Namespace.rdf?):
                let own =
                    [Namespace.rss1, Namespace.rss090].first {
                        root.child("channel", in: $0) != nil || root.child("item", in: $0) != nil
                    } ?? Namespace.rss1
                var feed = feed
                let channel = root.child("channel", in: own)
                feed.title = channel?.child("title", in: own).map { HTMLText.collapse($0.text) }
                feed.link = channel?.child("link", in: own).map { String($0.text.trimmingSpaces) }
                for (index, item) in root.elements("item", in: own).enumerated() {
                    for event in rssItem(item, number: index + 1, feed: feed) { emit(event) }
                }
            case ("feed", nil), ("feed", Namespace.atom?), ("feed", Namespace.atom03?):
                let own = root.namespace
                var feed = feed
                feed.title = root.child("title", in: own).map { atomText($0) }
                for (index, entry) in root.elements("entry", in: own).enumerated() {
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
        let own = item.namespace
        var warnings = Warnings(path: feed.path)
        let title = item.child("title", in: own).map { warnings.html(of: $0) } ?? ""
        let encoded = item.child("encoded", in: Namespace.content).map { warnings.html(of: $0) }
        let description = item.child("description", in: own).map { warnings.html(of: $0) }
        let body = [encoded, description].compactMap { $0 }.max(by: { $0.count < $1.count }) ?? ""
        let link =
            item.child("link", in: own).map { String($0.text.trimmingSpaces) }.flatMap { $0.isEmpty ? nil : $0 }
            ?? item.attribute("about")
        let guid = item.child("guid", in: own).map { String($0.text.trimmingSpaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let dateNode = item.child("pubdate", in: own) ?? item.child("date", in: Namespace.dublinCore)
        let source = item.child("source", in: own).map { HTMLText.collapse($0.text) }.flatMap { $0.isEmpty ? nil : $0 }
        var metadata: [(key: String, value: JSONValue)] = []
        let authorNode = item.child("author", in: own) ?? item.child("creator", in: Namespace.dublinCore)
        if let author = authorNode.map({ HTMLText.collapse($0.text) }), !author.isEmpty {
            metadata.append(("author", .string(author)))
        }
        let categories = item.elements("category", in: own).map { HTMLText.collapse($0.text) }
        if !categories.isEmpty { metadata.append(("categories", .array(categories.map(JSONValue.string)))) }
        if let feedTitle, !feedTitle.isEmpty { metadata.append(("feed", .string(feedTitle))) }
        let event = makeStory(
            id: guid.map(feed.id) ?? link ?? feed.input.fallbackID(item: number, title: title, body: body),
            title: title, body: body, source: source ?? feedTitle,
            url: link, dateNode: dateNode, metadata: metadata, location: location, warnings: &warnings)
        return warnings.before(event)
    }

    /// The entry's story, after warnings about it; or the problem that cost it.
    static func atomEntry(_ entry: XMLNode, number: Int, feed: Feed) -> [ReaderEvent] {
        let location = InputLocation(path: feed.path, line: entry.line)
        let feedTitle = feed.title
        let own = entry.namespace
        var warnings = Warnings(path: feed.path)
        let title = entry.child("title", in: own).map { atomText($0, warnings: &warnings) } ?? ""
        let content = entry.child("content", in: own).map { atomText($0, warnings: &warnings) }
        let summary = entry.child("summary", in: own).map { atomText($0, warnings: &warnings) }
        let body = [content, summary].compactMap { $0 }.max(by: { $0.count < $1.count }) ?? ""
        let links = entry.elements("link", in: own)
        let link = (links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first)?
            .attribute("href").map { String($0.trimmingSpaces) }
        let id = entry.child("id", in: own).map { String($0.text.trimmingSpaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let dateNode = entry.child("published", in: own) ?? entry.child("updated", in: own)
        var metadata: [(key: String, value: JSONValue)] = []
        let authors = entry.elements("author", in: own).compactMap { $0.child("name", in: own) }
            .map { HTMLText.collapse($0.text) }
        if let author = authors.first { metadata.append(("author", .string(author))) }
        let categories = entry.elements("category", in: own).compactMap { $0.attribute("term") }
        if !categories.isEmpty { metadata.append(("categories", .array(categories.map(JSONValue.string)))) }
        if let feedTitle, !feedTitle.isEmpty { metadata.append(("feed", .string(feedTitle))) }
        let event = makeStory(
            id: id ?? link ?? feed.input.fallbackID(item: number, title: title, body: body),
            title: title, body: body, source: feedTitle,
            url: link, dateNode: dateNode, metadata: metadata, location: location, warnings: &warnings)
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
        metadata: [(key: String, value: JSONValue)], location: InputLocation, warnings: inout Warnings
    ) -> ReaderEvent {
        guard !title.isEmpty || !body.isEmpty else {
            return .problem(InputProblem(location, "item has neither title nor text"))
        }
        var published: PublishedDate?
        if let dateText = dateNode.map({ String($0.text.trimmingSpaces) }), !dateText.isEmpty {
            published = PublishedDate(dateText)
            if published == nil {
                // The item is kept, undated: a feed's dates are often sloppier than its text.
                warnings.events.append(
                    .problem(
                        .warning(
                            InputLocation(path: location.path, line: dateNode?.line ?? location.line),
                            "unreadable date \"\(dateText.prefix(40))\"; stored undated")))
            }
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
