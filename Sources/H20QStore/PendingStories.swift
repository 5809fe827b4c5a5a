import H20QInput

/// The ids and texts of the stories sent towards the writer but maybe not yet committed, kept
/// by the thread that reads them: a story whose id or text is among them, or among those of
/// its own batch before it, may find them stored by the time it is written. Together with
/// what a batch's snapshot found stored, this tells the writer which stories need a lookup
/// (very few do), without the writer keeping any set of its own.
package struct PendingStories {
    private struct Batch {
        var sequence: Int
        var ids: Set<String> = []
        var textHashes: Set<Int64> = []
    }

    /// Batches sent, by sequence number (1, 2, ...), not yet known to be committed.
    private var sent: [Batch] = []
    private var current = Batch(sequence: 1)
    /// Ids and texts of the current batch met before, in it or in a batch in flight.
    private(set) var repeatedIDs: Set<String> = []
    private(set) var repeatedTextHashes: Set<Int64> = []

    package init() {}

    /// Notes a story of the current batch.
    package mutating func add(id: String, textHash: Int64) {
        if !current.ids.insert(id).inserted || sent.contains(where: { $0.ids.contains(id) }) {
            repeatedIDs.insert(id)
        }
        if !current.textHashes.insert(textHash).inserted || sent.contains(where: { $0.textHashes.contains(textHash) }) {
            repeatedTextHashes.insert(textHash)
        }
    }

    /// Ends the current batch, sent as number `sequence`; batches up to `committed` are in
    /// the index and need no remembering.
    package mutating func endBatch(committed: Int) {
        sent.removeAll { $0.sequence <= committed }
        sent.append(current)
        current = Batch(sequence: current.sequence + 1)
        repeatedIDs = []
        repeatedTextHashes = []
    }

    /// Notes every story of `stories` as one batch.
    static func single(_ stories: [AnalyzedStory]) -> PendingStories {
        var pending = PendingStories()
        for story in stories { pending.add(id: story.story.id, textHash: story.fingerprint.textHash) }
        return pending
    }
}
