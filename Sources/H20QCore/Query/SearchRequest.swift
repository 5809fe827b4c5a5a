import Foundation

/// A search as the CLI and the daemon receive it.
public struct SearchRequest: Sendable, Equatable {
    public var query: String
    public var limit: Int
    public var offset: Int
    /// Only sightings from this source (case-insensitive).
    public var source: String?
    /// Only sightings published at or after this time.
    public var since: PublishedDate?
    /// Only sightings published before this time.
    public var until: PublishedDate?
    /// One hit per cluster with the other members folded under it (default), or every
    /// sighting as its own hit.
    public var foldsDuplicates: Bool

    public static let maximumLimit = 1_000
    public static let maximumOffset = 1_000_000

    /// `limit` and `offset` are clamped to 1...maximumLimit and 0...maximumOffset.
    public init(
        query: String, limit: Int = 10, offset: Int = 0, source: String? = nil, since: PublishedDate? = nil,
        until: PublishedDate? = nil, foldsDuplicates: Bool = true
    ) {
        self.query = query
        self.limit = min(max(limit, 1), Self.maximumLimit)
        self.offset = min(max(offset, 0), Self.maximumOffset)
        self.source = source
        self.since = since
        self.until = until
        self.foldsDuplicates = foldsDuplicates
    }
}

/// The answer to a search: `{"query", "total", "hits": [...]}`.
public struct SearchResults: Sendable, Codable, Equatable {
    public var query: String
    /// Hits in all, before `limit` and `offset`.
    public var total: Int
    public var hits: [SearchHit]
}

/// One story found, with its republications folded under it.
public struct SearchHit: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    @Nullable public var source: String?
    @Nullable public var url: String?
    @Nullable public var published: String?
    /// bm25 relevance: higher is better.
    public var score: Double
    /// Body text around the matches, matched words marked `**like this**`.
    public var snippet: String
    public var duplicates: [Duplicate]

    /// Another member of the hit's cluster.
    public struct Duplicate: Sendable, Codable, Equatable {
        public var id: String
        @Nullable public var source: String?
        @Nullable public var published: String?
        /// Same-story similarity to the hit (see `Similarity.score`); 1.0 for exact copies.
        public var similarity: Double
    }
}

/// Marks the snippet functions put around matched words: characters no text contains.
public enum MatchMarks {
    public static let open: Character = "\u{2}"
    public static let close: Character = "\u{3}"

    /// The text with each marked match rendered by `render`.
    ///
    ///     MatchMarks.render("a \u{2}b\u{3}") { "**\($0)**" } -> "a **b**"
    public static func render(_ text: String, _ render: (Substring) -> String) -> String {
        var output = ""
        var rest = Substring(text)
        while let start = rest.firstIndex(of: open) {
            output += rest[..<start]
            let afterOpen = rest.index(after: start)
            guard let end = rest[afterOpen...].firstIndex(of: close) else {
                rest = rest[afterOpen...]
                break
            }
            output += render(rest[afterOpen..<end])
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }

    /// A snippet as `SearchHit` carries it (`**match**`) with each match rendered by `render`.
    ///
    ///     MatchMarks.renderBold("a **b** c") { $0.uppercased() } -> "a B c"
    public static func renderBold(_ snippet: String, _ render: (Substring) -> String) -> String {
        let parts = snippet.components(separatedBy: "**")
        guard parts.count >= 3 else { return snippet }
        var output = ""
        for (index, part) in parts.enumerated() {
            let isMatch = index % 2 == 1 && index < parts.count - 1
            output += isMatch ? render(Substring(part)) : (index % 2 == 1 ? "**" + part : part)
        }
        return output
    }
}
