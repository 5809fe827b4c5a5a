import Foundation
import GRDB
import H20QDedup
import H20QInput

/// The write path of one story: sightings, exact copies, new stories with their candidate
/// keys, clusters.
struct StoryWriter: Sendable {
    let parameters: DedupParameters
    let fingerprinter: Fingerprinter
    let matcher: DuplicateMatcher
    /// Bloom filters of the candidate runs, shared with the reading thread.
    let filters = RunFilters()

    init(parameters: DedupParameters) {
        self.parameters = parameters
        self.fingerprinter = Fingerprinter(parameters: parameters)
        self.matcher = DuplicateMatcher(parameters: parameters)
    }

    /// Stores a batch in order and writes the postings it added. `terms` keeps the words
    /// the snapshot counted for each new story, for summarizing their blocks.
    func ingest(
        _ stories: [AnalyzedStory], _ batch: inout BatchSnapshot, terms: BlockTerms? = nil, _ db: Database
    ) throws -> [IngestOutcome] {
        var outcomes: [IngestOutcome] = []
        outcomes.reserveCapacity(stories.count)
        for (index, story) in stories.enumerated() {
            let counted = terms != nil && index < batch.storyTerms.count ? batch.storyTerms[index] : nil
            outcomes.append(try ingest(story, &batch, counted: counted, into: terms, db))
        }
        try finish(&batch, terms: terms, db)
        return outcomes
    }

    /// Removes the sightings `ids` (a story left without any goes, its cluster computed
    /// again); returns those that were there.
    func remove(_ ids: [String], _ batch: inout BatchSnapshot, _ db: Database) throws -> [String] {
        var removed: [String] = []
        for id in ids {
            guard let existing = try Sighting.fetch(id: id, db) else { continue }
            try detach(sightingID: id, from: existing.story, &batch, db)
            removed.append(id)
        }
        try finish(&batch, db)
        return removed
    }

    /// Ends a batch: writes the postings it added, then computes again the clusters it touched.
    private func finish(_ batch: inout BatchSnapshot, terms: BlockTerms? = nil, _ db: Database) throws {
        try batch.bands.write(filters: filters, db)
        try batch.samples.write(filters: filters, db)
        try batch.texts.write(filters: filters, db)
        if !batch.repairs.isEmpty {
            // Once per batch, after its postings are written: pairs are found through them.
            let reposted = try Clusters.recompute(
                seeds: batch.repairs, parameters: parameters, fingerprinter: fingerprinter, filters: filters,
                work: &batch.work, db)
            batch.noteWritten(reposted)
            batch.repairs.removeAll()
            batch.families.removeAll()
            batch.familyKeys.removeAll()
        }
        let summarized = try RankBlocks.summarize(batch.touchedBlocks, cached: terms, db)
        batch.work.blocksFromCountedWords += summarized.fromCountedWords
        batch.work.blocksFromTexts += summarized.fromTexts
        batch.touchedBlocks.removeAll()
    }

    func ingest(
        _ analyzed: AnalyzedStory, _ batch: inout BatchSnapshot, counted: StoryTerms? = nil,
        into terms: BlockTerms? = nil,
        _ db: Database
    ) throws -> IngestOutcome {
        let story = analyzed.story
        let fingerprint = analyzed.fingerprint
        let fields = analyzed.fields
        var change = IngestOutcome.Change.new
        if batch.knownIDs.contains(story.id), let existing = try Sighting.fetch(id: story.id, db) {
            // Its own text as it was: the same story, whatever wording the story shows.
            if existing.ownText == analyzed.ownText {
                guard existing.fields != fields else {
                    if analyzed.file != nil && existing.file != analyzed.file {
                        try Sighting.move(id: story.id, toFile: analyzed.file, db)
                    }
                    return IngestOutcome(change: .unchanged)
                }
                try Sighting.update(id: story.id, story: existing.story, analyzed, db)
                return IngestOutcome(change: .updated)
            }
            let stored = try storedText(of: existing.story, db)
            if let stored, stored.textHash == fingerprint.textHash,
                fingerprinter.wordHashes(title: stored.title, body: stored.body)
                    == fingerprinter.wordHashes(title: story.title, body: story.body)
            {
                // The same words in another wording (case, punctuation), or an index made
                // before sightings kept their own text's identity.
                let rewritten = stored.title != story.title || stored.body != story.body
                if existing.ownText == nil && !rewritten && existing.fields == fields {
                    return IngestOutcome(change: .unchanged)
                }
                try Sighting.update(id: story.id, story: existing.story, analyzed, db)
                // The story shows this copy's wording only if it showed its wording before.
                if rewritten && stored.wording.map(story.id.isSameID) == true {
                    try replaceText(of: existing.story, stored, with: story, db)
                    terms?.drop(existing.story)
                    batch.touchedBlocks.insert(RankBlocks.block(of: existing.story))
                }
                return IngestOutcome(change: .updated)
            }
            try detach(sightingID: story.id, from: existing.story, &batch, db)
            change = .updated
        }
        if batch.knownTextHashes.contains(fingerprint.textHash), let copyOf = try exactCopy(of: analyzed, batch, db) {
            try Sighting.insert(id: story.id, story: copyOf, analyzed, db)
            return IngestOutcome(change: change, duplicate: .exact)
        }
        if batch.unreadTextHashes.contains(fingerprint.textHash) {
            try batch.readKeys(of: fingerprint, using: self, db)
        }
        var candidates = matcher.candidates(for: fingerprint, bands: batch.bands, samples: batch.samples)
        try matcher.settle(&candidates) { id in try batch.tags[id] ?? SampleTags.read(story: id, db) }
        let matches = try currentClusters(
            of: matcher.verify(
                fingerprint, against: candidates.stories
            ) { id in try batch.shingles(of: id) ?? storedShingles(of: id, db) }, db)
        let storyID = try insertStory(analyzed, tokens: counted?.tokens, db)
        batch.texts.add(fingerprint.textHash, Posting(story: storyID, size: 0))
        if let counted { terms?.add(storyID, counted) }
        batch.touchedBlocks.insert(RankBlocks.block(of: storyID))
        matcher.post(
            fingerprint, storyID: storyID, skipping: candidates.capped, family: Set(matches.map(\.story)),
            bands: &batch.bands, samples: &batch.samples)
        batch.addedShingles[storyID] = fingerprint.shingles
        try Sighting.insert(id: story.id, story: storyID, analyzed, db)
        if matches.isEmpty { return IngestOutcome(change: change) }
        try StoryPairs.insert(storyID, size: fingerprint.shingles.count, matches, rule: parameters.rule, db)
        if try mayMakeACompilation(storyID, fingerprint.shingles.count, matches, db) {
            // Joined for now; its clusters are computed again from the pairs when the batch ends.
            batch.repairs.insert(storyID)
        }
        batch.noteJoin(try Clusters.join(storyID, with: matches, db), story: storyID, fingerprint)
        return IngestOutcome(change: change, duplicate: .near(matches: matches.count))
    }

    /// Stores a new story and indexes its text, from its recorded `tokens` if there are.
    private func insertStory(_ analyzed: AnalyzedStory, tokens: TokenRecording?, _ db: Database) throws -> Int64 {
        let story = analyzed.story
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO story (title, body, text_hash, shingle_count, wording) VALUES (?, ?, ?, ?, ?)
                """)
        try insert.run(
            .text(story.title), .text(story.body), .integer(analyzed.fingerprint.textHash),
            .integer(Int64(analyzed.fingerprint.shingles.count)), .text(story.id))
        let storyID = db.lastInsertedRowID
        try SampleTags.write(story: storyID, sampleKeys: analyzed.fingerprint.sampleKeys, db)
        let index = try db.cachedStatement(sql: "INSERT INTO story_fts (rowid, title, body) VALUES (?, ?, ?)")
        if let tokens {
            try tokens.replaying(title: story.title, body: story.body) {
                try index.run(.integer(storyID), .text(story.title), .text(story.body))
            }
        } else {
            try index.run(.integer(storyID), .text(story.title), .text(story.body))
        }
        return storyID
    }

    /// The shingles of a stored story, from its text; nil if it does not exist.
    private func storedShingles(of storyID: Int64, _ db: Database) throws -> ShingleSet? {
        let statement = try db.cachedStatement(sql: "SELECT title, body FROM story WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [storyID]).map {
            fingerprinter.shingles(title: $0[0], body: $0[1])
        }
    }

    /// Matched stories with their current cluster labels; stories gone meanwhile are dropped.
    private func currentClusters(
        of verified: [(story: Int64, similarity: Similarity)], _ db: Database
    ) throws -> [Match] {
        guard !verified.isEmpty else { return [] }
        let statement = try db.cachedStatement(
            sql: "SELECT cluster, shingle_count, compilation FROM story WHERE id = ?")
        return try verified.compactMap { match in
            guard let row = try Row.fetchOne(statement, arguments: [match.story]) else { return nil }
            return Match(
                story: match.story, cluster: row[0], similarity: match.similarity, size: row[1], isCompilation: row[2])
        }
    }

    /// Whether a new story's pairs may change what is a compilation, so that plain joining is
    /// not enough: it contains two stories or more, or a story that contains it now contains
    /// two or more, or it is paired with a compilation.
    private func mayMakeACompilation(_ story: Int64, _ size: Int, _ matches: [Match], _ db: Database) throws -> Bool {
        var contains = 0
        for match in matches {
            if match.isCompilation { return true }
            switch StoryPairs.container(story, size, match.story, match.size, match.similarity, rule: parameters.rule) {
            case story?: contains += 1
            case match.story?: if try StoryPairs.containedCount(match.story, db) >= 2 { return true }
            default: break
            }
        }
        return contains >= 2
    }

    /// The stored story whose normalized text equals the fingerprinted one, if any (the
    /// oldest, should there be several): looked up in the runs, which on the writer's
    /// connection hold what every earlier batch stored, and among the texts this batch stored.
    private func exactCopy(of analyzed: AnalyzedStory, _ batch: BatchSnapshot, _ db: Database) throws -> Int64? {
        let hash = analyzed.fingerprint.textHash
        var stories = try PostingRuns.lookup(.texts, keys: [hash], filters: filters, db)[hash]?.map(\.story) ?? []
        batch.texts.forEach(of: hash) { stories.append($0.story) }
        guard !stories.isEmpty else { return nil }
        // Equal hashes; the words decide (recomputed: rare, and it keeps fingerprints small).
        let words = fingerprinter.wordHashes(title: analyzed.story.title, body: analyzed.story.body)
        let statement = try db.cachedStatement(sql: "SELECT title, body FROM story WHERE id = ?")
        for story in Set(stories).sorted() {
            guard let row = try Row.fetchOne(statement, arguments: [story]) else { continue }
            if fingerprinter.wordHashes(title: row[0], body: row[1]) == words { return story }
        }
        return nil
    }

    private struct StoredText {
        var title: String
        var body: String
        var textHash: Int64
        /// The sighting whose wording the story shows; nil once that id tells another story.
        var wording: String?
    }

    private func storedText(of storyID: Int64, _ db: Database) throws -> StoredText? {
        let statement = try db.cachedStatement(sql: "SELECT title, body, text_hash, wording FROM story WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [storyID]).map {
            StoredText(title: $0[0], body: $0[1], textHash: $0[2], wording: $0[3])
        }
    }

    /// New wording of the same words (case, punctuation, spacing): the story and its
    /// full-text entry take it; its fingerprint stays.
    private func replaceText(of storyID: Int64, _ old: StoredText, with story: IncomingStory, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO story_fts (story_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
            arguments: [storyID, old.title, old.body])
        try db.execute(
            sql: "UPDATE story SET title = ?, body = ? WHERE id = ?", arguments: [story.title, story.body, storyID])
        try db.execute(
            sql: "INSERT INTO story_fts (rowid, title, body) VALUES (?, ?, ?)",
            arguments: [storyID, story.title, story.body])
    }

    /// Takes a sighting off its story; a story left without sightings is removed.
    private func detach(sightingID: String, from storyID: Int64, _ batch: inout BatchSnapshot, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM sighting WHERE id = ?", arguments: [sightingID])
        // The story keeps its text, but no longer shows a wording any of its ids gave.
        try db.execute(
            sql: "UPDATE story SET wording = NULL WHERE id = ? AND wording = ?", arguments: [storyID, sightingID])
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM sighting WHERE story = ?", arguments: [storyID]) == 0 {
            try removeStory(storyID, &batch, db)
        }
    }

    /// Deletes a story with its full-text entry and candidate keys; its cluster is repaired
    /// when the batch ends.
    func removeStory(_ storyID: Int64, _ batch: inout BatchSnapshot, _ db: Database) throws {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT title, body, cluster, text_hash FROM story WHERE id = ?", arguments: [storyID])
        else { return }
        let title: String = row[0]
        let body: String = row[1]
        let fingerprint = fingerprinter.fingerprint(title: title, body: body)
        try batch.bands.remove(fingerprint.bandKeys, story: storyID, filters: filters, db)
        try batch.samples.remove(fingerprint.sampleKeys, story: storyID, filters: filters, db)
        // Under the hash it was stored with, which the runs hold (the same, unless the
        // index was made by a version that normalized otherwise).
        try batch.texts.remove([row[3]], story: storyID, filters: filters, db)
        batch.forget(storyID)
        batch.touchedBlocks.insert(RankBlocks.block(of: storyID))
        try db.execute(
            sql: "INSERT INTO story_fts (story_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
            arguments: [storyID, title, body])
        try db.execute(sql: "DELETE FROM story WHERE id = ?", arguments: [storyID])
        try db.execute(sql: "DELETE FROM sample_tags WHERE story = ?", arguments: [storyID])
        // What it was paired with may now be clustered otherwise (a digest that held it and
        // one other story is no longer a compilation).
        batch.repairs.formUnion(try StoryPairs.remove(storyID, db))
        if let cluster: Int64 = row[2] {
            // The family is read once a batch, whatever number of its members leave.
            var family = try batch.family(of: cluster, db)
            family.remove(storyID)
            batch.families[cluster] = family
            batch.familyKeys[cluster]?.remove(storyID, fingerprint)
            try handOver(fingerprint, to: family, labelled: cluster, &batch, db)
            if let remaining = family.first { batch.repairs.insert(remaining) }
        }
    }

    /// Keys the removed story held for its cluster (the others skipped them: see
    /// `DuplicateMatcher.post`) are posted again at once for a member that has them, so that
    /// stories later in the batch still find the cluster.
    private func handOver(
        _ removed: StoryFingerprint, to family: Set<Int64>, labelled label: Int64, _ batch: inout BatchSnapshot,
        _ db: Database
    ) throws {
        func heldByFamily(_ postings: [Posting]?) -> Bool { postings?.contains { family.contains($0.story) } ?? false }
        // Stock phrases are not posted (nor looked up by later stories).
        let bandHolders = try batch.bands.holders(of: Set(removed.bandKeys), filters: filters, db)
        let sampleHolders = try batch.samples.holders(
            of: Set(removed.sampleKeys), cap: parameters.sampleCap, filters: filters, db)
        let orphaned: [(PostingTable.Kind, Int64)] =
            Set(removed.bandKeys).filter { !heldByFamily(bandHolders.held[$0]) }.map { (.bands, $0) }
            + Set(removed.sampleKeys).filter {
                !sampleHolders.overCap.contains($0) && !heldByFamily(sampleHolders.held[$0])
            }.map { (.samples, $0) }
        guard !orphaned.isEmpty else { return }
        // Which members have which keys: read once a batch for this family, then kept.
        if batch.familyKeys[label] == nil {
            var keys = FamilyKeys()
            let text = try db.cachedStatement(sql: "SELECT title, body FROM story WHERE id = ?")
            for member in family {
                guard let row = try Row.fetchOne(text, arguments: [member]) else { continue }
                keys.add(member, fingerprinter.fingerprint(title: row[0], body: row[1]))
            }
            batch.work.familyMembersFingerprinted += family.count
            batch.familyKeys[label] = keys
        }
        for (kind, key) in orphaned {
            guard let holder = batch.familyKeys[label]?.holder(of: key, kind) else { continue }
            switch kind {
            case .bands: batch.bands.add(key, holder)
            case .samples: batch.samples.add(key, holder)
            case .texts: preconditionFailure("a text is not handed over: it leaves with its story")
            }
        }
    }
}
