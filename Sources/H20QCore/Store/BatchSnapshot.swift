import GRDB

/// What a write batch needs to know of the index before it writes, read in a handful of
/// queries: the stored postings of its candidate keys, and which of its ids and texts are
/// already stored (only those need a lookup of their own).
///
/// It is read on the fingerprinting thread, ahead of the writer, so it may miss the last few
/// batches committed after it was read; the writer brings it up to date from those batches'
/// `BatchAdditions` before use.
struct BatchSnapshot: Sendable {
    /// Batches committed before the snapshot was read (it may include a few more).
    var committedBatches: Int
    var bands: PostingTable
    var samples: PostingTable
    var knownIDs: Set<String>
    var knownTextHashes: Set<Int64>
    /// Shingles of the stored stories that are candidates of this batch's stories, and of the
    /// stories this batch (and batches merged into it) added: what exact checks compare.
    var shingles: [Int64: ShingleSet]
    /// Stories, ids and texts this batch added: what later batches' snapshots may lack.
    var addedStories: [Int64] = []
    var addedIDs: [String] = []
    var addedTextHashes: [Int64] = []
    /// Stories whose cluster lost a member: repaired when the batch ends.
    var repairs: Set<Int64> = []

    /// Records postings written outside the tables' own writes, for later batches' snapshots.
    mutating func noteWritten(_ postings: [(PostingTable.Kind, Int64, Posting)]) {
        for (kind, key, posting) in postings {
            if kind == .bands { bands.noteWritten(key, posting) } else { samples.noteWritten(key, posting) }
        }
    }

    /// Reads the snapshot of `stories`, including the shingles of their candidates
    /// (recomputed from the stored text).
    static func read(
        for stories: [AnalyzedStory], committedBatches: Int, using writer: StoryWriter, _ db: Database
    ) throws -> BatchSnapshot {
        let ids = try String.fetchSet(
            db, sql: "SELECT id FROM sighting WHERE id IN (SELECT value FROM json_each(?))",
            arguments: [JSONArray.strings(stories.map(\.story.id))])
        let hashes = try Int64.fetchSet(
            db, sql: "SELECT text_hash FROM story WHERE text_hash IN (SELECT value FROM json_each(?))",
            arguments: [JSONArray.integers(stories.map(\.fingerprint.textHash))])
        let bands = try PostingTable.read(
            .bands, keys: Set(stories.flatMap(\.fingerprint.bandKeys)), filters: writer.filters, db)
        let samples = try PostingTable.read(
            .samples, keys: Set(stories.flatMap(\.fingerprint.sampleKeys)), filters: writer.filters, db)
        var candidates = Set<Int64>()
        for story in stories {
            candidates.formUnion(
                writer.matcher.candidates(for: story.fingerprint, bands: bands, samples: samples).stories)
        }
        var shingles = [Int64: ShingleSet]()
        if !candidates.isEmpty {
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, title, body FROM story WHERE id IN (SELECT value FROM json_each(?))",
                arguments: [JSONArray.integers(candidates)])
            while let row = try rows.next() {
                shingles[row[0]] = writer.fingerprinter.shingles(title: row[1], body: row[2])
            }
        }
        return BatchSnapshot(
            committedBatches: committedBatches, bands: bands, samples: samples, knownIDs: ids,
            knownTextHashes: hashes, shingles: shingles)
    }

    /// Brings the snapshot up to date with a batch committed after it was read. Stories
    /// removed since are left in: the writer checks that a match still exists.
    mutating func merge(_ additions: BatchAdditions) {
        bands.merge(additions.bands)
        samples.merge(additions.samples)
        knownIDs.formUnion(additions.ids)
        knownTextHashes.formUnion(additions.textHashes)
        shingles.merge(additions.shingles) { _, new in new }
    }

    /// What this batch changed, for the snapshots of later batches read before it committed.
    var additions: BatchAdditions {
        BatchAdditions(
            bands: bands.posted, samples: samples.posted, ids: addedIDs, textHashes: addedTextHashes,
            shingles: Dictionary(uniqueKeysWithValues: addedStories.compactMap { id in shingles[id].map { (id, $0) } }))
    }
}

/// What a committed batch changed that a snapshot read before its commit cannot know.
struct BatchAdditions: Sendable {
    var bands: [(key: Int64, posting: Posting)]
    var samples: [(key: Int64, posting: Posting)]
    var ids: [String]
    var textHashes: [Int64]
    var shingles: [Int64: ShingleSet]
}
