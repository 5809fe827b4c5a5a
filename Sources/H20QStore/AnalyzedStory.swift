import Foundation
import H20QDedup
import H20QInput

/// A story read from input with everything the writer needs precomputed, so that the
/// writing thread does nothing but SQL.
public struct AnalyzedStory: Sendable {
    public let story: IncomingStory
    public let fingerprint: StoryFingerprint
    let fields: SightingFields
    /// Identity of the title and body exactly as written (`StableHash.textIdentity`): an
    /// exact copy's own wording, kept with its sighting.
    let ownText: Int64
    /// The watched file it was read from (`source_file.id`), when a reindex reads it.
    package var file: Int64?

    public init(story: IncomingStory, fingerprint: StoryFingerprint) {
        self.story = story
        self.fingerprint = fingerprint
        self.fields = SightingFields(story)
        self.ownText = Int64(bitPattern: StableHash.textIdentity(story.title, story.body))
    }

    /// Bytes the story brings into the index: text, id, fields and metadata. A batch ends at a
    /// bound of these, so that no field can make one grow without limit.
    public var bytes: Int {
        story.title.utf8.count + story.body.utf8.count + story.id.utf8.count + (fields.source?.utf8.count ?? 0)
            + (fields.url?.utf8.count ?? 0) + (fields.metadata?.utf8.count ?? 0) + fields.origin.utf8.count
    }
}
