import Foundation
import H20QDedup
import H20QInput

/// A story read from input with everything the writer needs precomputed, so that the
/// writing thread does nothing but SQL.
public struct AnalyzedStory: Sendable {
    public let story: IncomingStory
    public let fingerprint: StoryFingerprint
    let fields: SightingFields

    public init(story: IncomingStory, fingerprint: StoryFingerprint) {
        self.story = story
        self.fingerprint = fingerprint
        self.fields = SightingFields(story)
    }
}
