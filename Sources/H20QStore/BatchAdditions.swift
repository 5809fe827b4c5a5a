import H20QDedup
import H20QInput

/// What a committed batch changed that a snapshot read before its commit cannot know.
package struct BatchAdditions: Sendable {
    /// Postings by table, in parts (`PostingTable.posted`).
    var bands: [[(key: Int64, posting: Posting)]]
    var samples: [[(key: Int64, posting: Posting)]]
    var shingles: [Int64: ShingleSet]
}
