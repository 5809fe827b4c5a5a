/// What differs between a cluster member and its canonical story, as people read it.
///
///     changes ["headline changed", "+2 paragraphs at the end"], wordsAdded 61, wordsRemoved 0
public struct StoryDifferences: Sendable, Codable, Equatable {
    /// One phrase per change, in text order: `headline changed`, `+2 paragraphs at the end`,
    /// `112 words inserted after paragraph 3`, `spelling: Zelensky→Zelenskiy`; `exact copy` for
    /// a sighting of the canonical story itself, `canonical` for the canonical member.
    public var changes: [String]
    /// Words of the member's title and body that are not in the canonical story's (by the
    /// word diff: case, diacritics and punctuation aside).
    public var wordsAdded: Int
    /// Words of the canonical story's title and body missing from the member's.
    public var wordsRemoved: Int

    public init(changes: [String], wordsAdded: Int, wordsRemoved: Int) {
        self.changes = changes
        self.wordsAdded = wordsAdded
        self.wordsRemoved = wordsRemoved
    }

    /// The canonical member.
    public static let canonical = StoryDifferences(changes: ["canonical"], wordsAdded: 0, wordsRemoved: 0)

    /// Another sighting of the canonical story: the same text.
    public static let exactCopy = StoryDifferences(changes: ["exact copy"], wordsAdded: 0, wordsRemoved: 0)

    /// The changes on one line, at most `limit` of them.
    ///
    ///     "headline changed; +2 paragraphs at the end"
    public func line(limit: Int = 4) -> String {
        guard changes.count > limit else { return changes.joined(separator: "; ") }
        return changes.prefix(limit).joined(separator: "; ")
            + "; \(changes.count - limit) more \(changes.count - limit == 1 ? "change" : "changes")"
    }
}
