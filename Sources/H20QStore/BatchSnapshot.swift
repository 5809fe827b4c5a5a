import GRDB
import H20QDedup
import H20QInput

/// What a write batch needs to know of the index before it writes, read in a handful of
/// queries: the stored postings of its candidate keys, the shingles of the stories they
/// name, and which of its ids and texts may be stored (only those need a lookup of their own).
///
/// It is read on the fingerprinting thread, ahead of the writer, so it may miss the last few
/// batches committed after it was read; the writer brings it up to date from those batches'
/// `BatchAdditions` before use.
package struct BatchSnapshot: Sendable {
    /// Batches committed before the snapshot was read (it may include a few more).
    package var committedBatches: Int
    var bands: PostingTable
    var samples: PostingTable
    /// The texts this batch stored, to be written as a run when it ends (stored ones are
    /// looked up: `knownTextHashes` says which may be).
    var texts = PostingTable(.texts)
    /// Ids of the batch that may be stored by the time they are written: stored when the
    /// snapshot was read, or met before in a batch in flight or in this one. Only these are
    /// looked up.
    let knownIDs: Set<String>
    /// Texts (normalized-text hashes) of the batch that may be stored, likewise.
    let knownTextHashes: Set<Int64>
    /// Texts of the batch stored when the snapshot was read: their stories are exact copies
    /// as a rule (a feed read again, a wire story fetched twice), which the writer folds
    /// without their candidates, so their keys were not read unless another story of the
    /// batch has them. One that is not a copy after all has them read by the writer
    /// (`readKeys(of:using:_:)`).
    let unreadTextHashes: Set<Int64>
    /// Sample tags of the stored stories that were undecided candidates of this batch's stories.
    let tags: [Int64: SampleTags]
    /// Shingles of the stored stories that are candidates of this batch's stories: what
    /// exact checks compare.
    var shingles: [Int64: ShingleSet]
    /// Shingles of the stories this batch added, and those of earlier batches its read may
    /// have missed.
    var addedShingles: [Int64: ShingleSet] = [:]
    private var earlierShingles: [[Int64: ShingleSet]] = []
    /// A remaining member of each cluster that lost one: the clusters repaired when the
    /// batch ends.
    var repairs: Set<Int64> = []
    /// Members of the clusters that lost a story in this batch, by label: each read once a
    /// batch, then kept up to date as stories leave and join.
    var families: [Int64: Set<Int64>] = [:]
    /// The keys of those families' members, for the families that needed them.
    var familyKeys: [Int64: FamilyKeys] = [:]
    /// The words of each story of the batch, in order, as the ranking counts them (when the
    /// snapshot was asked to count them): what summarizes a block without its texts. Nil for a
    /// story whose id or text was stored when the snapshot was read: it is seldom a new story
    /// (an exact copy, an ingest run again), and a block holding one that is is summarized
    /// from its texts.
    var storyTerms: [StoryTerms?] = []
    /// Blocks of stories (`RankBlocks`) whose stories were added, changed or removed.
    var touchedBlocks: Set<Int64> = []
    /// What removals cost so far.
    package var work = WriteWork()

    /// The shingles of a candidate known to the snapshot, nil if they must be read.
    func shingles(of story: Int64) -> ShingleSet? {
        if let known = addedShingles[story] ?? shingles[story] { return known }
        for earlier in earlierShingles.reversed() {
            if let known = earlier[story] { return known }
        }
        return nil
    }

    /// The members of the cluster `label`, read once a batch.
    mutating func family(of label: Int64, _ db: Database) throws -> Set<Int64> {
        if let known = families[label] { return known }
        let members = try Int64.fetchSet(db, sql: "SELECT id FROM story WHERE cluster = ?", arguments: [label])
        work.familyMembersRead += members.count
        families[label] = members
        return members
    }

    /// Keeps the families read up to date with a join: `story` and the clusters and lone
    /// stories it joined now make one cluster, labelled `joined.label`.
    mutating func noteJoin(_ joined: Clusters.Join, story: Int64, _ fingerprint: StoryFingerprint) {
        guard !families.isEmpty else { return }
        // The keys of the joined family are known only if nothing but `story` joined it.
        if joined.mergedClusters.isEmpty && joined.loneStories.isEmpty {
            familyKeys[joined.label]?.add(story, fingerprint)
        } else {
            familyKeys[joined.label] = nil
            for label in joined.mergedClusters { familyKeys[label] = nil }
        }
        var merged: Set<Int64>? = families[joined.label]
        for label in joined.mergedClusters {
            if let members = families.removeValue(forKey: label) { merged?.formUnion(members) } else { merged = nil }
        }
        merged?.formUnion(joined.loneStories)
        merged?.insert(story)
        families[joined.label] = merged
    }

    /// Forgets a removed story's shingles.
    mutating func forget(_ story: Int64) {
        shingles[story] = nil
        addedShingles[story] = nil
        for index in earlierShingles.indices where earlierShingles[index][story] != nil {
            earlierShingles[index][story] = nil
        }
    }

    /// Records postings written outside the tables' own writes, for later batches' snapshots.
    mutating func noteWritten(_ postings: [(PostingTable.Kind, Int64, Posting)]) {
        for (kind, key, posting) in postings {
            switch kind {
            case .bands: bands.noteWritten(key, posting)
            case .samples: samples.noteWritten(key, posting)
            case .texts: preconditionFailure("texts are posted once, by the story that has them")
            }
        }
    }

    /// Reads the snapshot of `stories`, including the shingles of their candidates
    /// (recomputed from the stored text), and with `countingTerms` the words of each story.
    /// `stockSince` is the writer's `StockPhrases` epoch taken before the read's transaction
    /// began (nil: `db` is the writer's own, and the epoch is now).
    static func read(
        for stories: [AnalyzedStory], committedBatches: Int, pending: PendingStories, using writer: StoryWriter,
        countingTerms: Bool = false, stockSince epoch: StockPhrases.Epoch? = nil, _ db: Database
    ) throws -> BatchSnapshot {
        let ids = try String.fetchSet(
            db, sql: "SELECT id FROM sighting WHERE id IN (SELECT value FROM json_each(?))",
            arguments: [JSONArray.strings(stories.map(\.story.id))])
        let hashes = Set(
            try PostingRuns.lookup(.texts, keys: stories.map(\.fingerprint.textHash), filters: writer.filters, db).keys)
        let matched = stories.filter { !hashes.contains($0.fingerprint.textHash) }
        let bands = try PostingTable.read(
            .bands, keys: Set(matched.flatMap(\.fingerprint.bandKeys)), filters: writer.filters, db)
        let samples = try PostingTable.read(
            .samples, keys: Set(matched.flatMap(\.fingerprint.sampleKeys)), cap: writer.matcher.parameters.sampleCap,
            filters: writer.filters, stockSince: epoch ?? writer.filters.stock.epoch, db)
        var found = matched.map { writer.matcher.candidates(for: $0.fingerprint, bands: bands, samples: samples) }
        let tags = try SampleTags.read(of: Set(found.flatMap { $0.undecided.map(\.story) }), db)
        var candidates = Set<Int64>()
        for index in found.indices {
            writer.matcher.settle(&found[index]) { tags[$0] }
            candidates.formUnion(found[index].stories)
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
        var snapshot = BatchSnapshot(
            committedBatches: committedBatches, bands: bands, samples: samples,
            knownIDs: ids.union(pending.repeatedIDs), knownTextHashes: hashes.union(pending.repeatedTextHashes),
            unreadTextHashes: hashes, tags: tags, shingles: shingles)
        if countingTerms && !stories.isEmpty {
            let tokenizer = try db.makeTokenizer(RankBlocks.tokenizer)
            let counter = TokenCounter()
            let recorder = TokenRecorder()
            snapshot.storyTerms = try stories.map { analyzed in
                if ids.contains(analyzed.story.id) || hashes.contains(analyzed.fingerprint.textHash) {
                    return nil
                }
                return try StoryTerms(
                    title: analyzed.story.title, body: analyzed.story.body, tokenizer: tokenizer, counter: counter,
                    recorder: recorder)
            }
        }
        return snapshot
    }

    /// Reads the keys of a story whose text was stored when the snapshot was read but which is
    /// not a copy after all (its copy was removed since), on the writer's connection: what
    /// every batch wrote, committed or not, is there; what this batch added is added.
    mutating func readKeys(of fingerprint: StoryFingerprint, using writer: StoryWriter, _ db: Database) throws {
        try bands.reread(fingerprint.bandKeys, filters: writer.filters, db)
        try samples.reread(fingerprint.sampleKeys, filters: writer.filters, db)
    }

    /// Brings the snapshot up to date with a batch committed after it was read. Stories
    /// removed since are left in: the writer checks that a match still exists.
    package mutating func merge(_ additions: BatchAdditions) {
        for part in additions.bands { bands.merge(part) }
        for part in additions.samples { samples.merge(part) }
        earlierShingles.append(additions.shingles)
    }

    /// What this batch changed, for the snapshots of later batches read before it committed.
    package var additions: BatchAdditions {
        BatchAdditions(bands: bands.posted, samples: samples.posted, shingles: addedShingles)
    }
}
