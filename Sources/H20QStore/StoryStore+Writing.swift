import GRDB
import H20QDedup
import H20QInput

extension StoryStore {
    /// Stores `stories` in one transaction, in order; each is matched against everything
    /// stored before it, including earlier stories of the same batch.
    public func ingest(_ stories: [AnalyzedStory]) throws(StoreError) -> [IngestOutcome] {
        try ingestCountingWork(stories).outcomes
    }

    /// `ingest`, with what the batch's removals cost.
    package func ingestCountingWork(
        _ stories: [AnalyzedStory]
    ) throws(StoreError) -> (outcomes: [IngestOutcome], work: WriteWork) {
        guard let writer else { throw StoreError(.database, "the index is open read-only") }
        return try write("cannot store stories") { db in
            var snapshot = try BatchSnapshot.read(
                for: stories, committedBatches: 0, pending: .single(stories), using: writer, db)
            let outcomes = try writer.ingest(stories, &snapshot, db)
            return (outcomes, snapshot.work)
        }
    }

    /// Removes the sightings `ids` in one transaction: a story left without any sighting goes
    /// (its text, full-text entry and candidate keys), and the clusters it was in, or was
    /// paired with, are computed again (a cluster whose canonical story went elects another).
    /// Returns the ids that were there and what recomputing the clusters cost.
    public func remove(_ ids: [String]) throws(StoreError) -> (removed: [String], clustersChanged: Int) {
        guard let writer else { throw StoreError(.database, "the index is open read-only") }
        return try write("cannot remove stories") { db in
            var snapshot = try BatchSnapshot.read(
                for: [], committedBatches: 0, pending: PendingStories(), using: writer, db)
            let removed = try writer.remove(ids, &snapshot, db)
            return (removed, snapshot.work.clustersRepaired)
        }
    }

    /// Reads what writing `stories` needs to know, from any thread, while another writes.
    package func snapshot(
        for stories: [AnalyzedStory], committedBatches: Int, pending: PendingStories
    ) throws(StoreError) -> BatchSnapshot {
        guard let writer else { throw StoreError(.database, "the index is open read-only") }
        // Before the read's transaction begins: a commit after it may have changed counts the
        // read sees as they were.
        let epoch = writer.filters.stock.epoch
        return try read("cannot read the index") { db in
            try BatchSnapshot.read(
                for: stories, committedBatches: committedBatches, pending: pending, using: writer, countingTerms: true,
                stockSince: epoch, db)
        }
    }

    /// Starts a checkpointer for a run of batch writes; stop it when they end.
    package func startCheckpointer() -> Checkpointer {
        Checkpointer(path: location.databasePath)
    }

    /// Runs `body` with the index's one writer: batches are stored in transactions that
    /// `body` closes with `BatchWriter.commit()`; what is left uncommitted when `body` ends is
    /// committed, and rolled back if it throws.
    package func writingBatches<T>(_ body: (inout BatchWriter) throws -> T) throws(StoreError) -> T {
        guard let writer else { throw StoreError(.database, "the index is open read-only") }
        do {
            return try database.writeWithoutTransaction { db in
                var session = BatchWriter(writer: writer, db: db)
                do {
                    let result = try body(&session)
                    try session.commit()
                    return result
                } catch {
                    if db.isInsideTransaction {
                        try? db.rollback()
                        // The runs it wrote are gone, those it merged away are back.
                        writer.filters.reset()
                    }
                    throw error
                }
            }
        } catch {
            throw StoreError.wrapping(error, doing: "cannot store stories")
        }
    }
}
