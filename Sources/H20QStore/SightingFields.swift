import H20QInput

/// The fields a sighting records besides its id and story.
struct SightingFields: Equatable, Sendable {
    var source: String?
    var url: String?
    var published: String?
    var metadata: String?
    var origin: String

    init(source: String?, url: String?, published: String?, metadata: String?, origin: String) {
        self.source = source
        self.url = url
        self.published = published
        self.metadata = metadata
        self.origin = origin
    }

    init(_ story: IncomingStory) {
        self.init(
            source: story.source, url: story.url, published: story.published?.text,
            metadata: story.metadata?.serialized, origin: story.location.description)
    }

    /// Equal for the purpose of "unchanged": where a story was read from does not count.
    static func == (lhs: SightingFields, rhs: SightingFields) -> Bool {
        lhs.source == rhs.source && lhs.url == rhs.url && lhs.published == rhs.published
            && lhs.metadata == rhs.metadata
    }
}
