import H20QInput

/// What ingesting one story did.
public struct IngestOutcome: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        /// The id was not in the index.
        case new
        /// The id was there with other text or fields; it now has these.
        case updated
        /// The id was there with exactly this text and these fields.
        case unchanged
    }

    public enum Duplicate: Sendable, Equatable {
        /// Same normalized text as a stored story: recorded as another sighting of it.
        case exact
        /// Stored, and folded into the cluster of `matches` other stories.
        case near(matches: Int)
    }

    public var change: Change
    public var duplicate: Duplicate?
}
