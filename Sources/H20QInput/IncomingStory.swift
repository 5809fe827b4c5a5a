/// A story as a reader found it, before duplicate detection.
public struct IncomingStory: Sendable, Equatable {
    public var id: String
    public var title: String
    public var body: String
    public var source: String?
    public var url: String?
    public var published: PublishedDate?
    /// Fields the reader did not map, as a JSON object; nil when there are none.
    public var metadata: JSONValue?
    public var location: InputLocation

    /// Control characters are dropped from every field but the id (line breaks and tabs of
    /// the body kept): a NUL would cut the text short in SQLite, an escape sequence would reach
    /// terminals. The id is kept exactly as given: `StoryLimits` refuses one with a control
    /// character, so that two different ids never become one.
    public init(
        id: String, title: String, body: String, source: String? = nil, url: String? = nil,
        published: PublishedDate? = nil, metadata: JSONValue? = nil, location: InputLocation
    ) {
        self.id = id
        self.title = title.withoutControlCharacters(keepingLines: false)
        self.body = body.withoutControlCharacters(keepingLines: true)
        self.source = source?.withoutControlCharacters(keepingLines: false)
        self.url = url?.withoutControlCharacters(keepingLines: false)
        self.published = published
        self.metadata = metadata?.withoutControlCharacters
        self.location = location
    }
}
