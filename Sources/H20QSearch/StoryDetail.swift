import H20QInput
import H20QStore

/// Everything about one sighting: the story, its exact copies, and its cluster
/// (`h20q show`).
public struct StoryDetail: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var body: String
    @Nullable public var source: String?
    @Nullable public var url: String?
    @Nullable public var published: String?
    @Nullable public var metadata: JSONValue?
    /// Where it was read: `path:line`.
    public var origin: String
    /// The id whose wording `title` and `body` are: this id's, or that of an exact copy (the
    /// same words, another case or punctuation) ingested first; null when that copy has since
    /// been replaced by another story.
    @Nullable public var wording: String?
    /// Other ids with exactly this text.
    public var sightings: [Sighting]
    /// The cluster the story belongs to (itself and its copies when it stands alone).
    public var cluster: ClusterReport.Cluster
    /// The stories this one contains, when it is a compilation (a digest, a page with related
    /// stories): they are not folded into its cluster.
    public var contains: [Contained]
    /// The compilations that contain this story.
    public var containedIn: [Contained]

    /// A story in a compilation, or a compilation holding a story.
    public struct Contained: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        /// Share of the contained story's shingles found in the compilation.
        public var containment: Double
    }

    public struct Sighting: Sendable, Codable, Equatable {
        public var id: String
        @Nullable public var source: String?
        @Nullable public var url: String?
        @Nullable public var published: String?
    }
}

extension StoryDetail.Contained {
    init(_ containment: StoreReader.Containment) {
        self.init(
            id: containment.sighting, title: containment.title,
            containment: (containment.containment * 1000).rounded() / 1000)
    }
}
