import GRDB

extension StoryStore {
    /// Stores `stories` in one transaction, in order; each is matched against everything
    /// stored before it, including earlier stories of the same batch.
    public func ingest(_ stories: [AnalyzedStory]) throws(StoreError) -> [IngestOutcome] {
        guard let writer else { throw StoreError(.database, "the index is open read-only") }
        return try write("cannot store stories") { db in
            var snapshot = try BatchSnapshot.read(
                for: stories, committedBatches: 0, pending: .single(stories), using: writer, db)
            return try writer.ingest(stories, &snapshot, db)
        }
    }

    /// Reads what writing `stories` needs to know, from any thread, while another writes.
    func snapshot(
        for stories: [AnalyzedStory], committedBatches: Int, pending: PendingStories
    ) throws(StoreError) -> BatchSnapshot {
        guard let writer else { throw StoreError(.database, "the index is open read-only") }
        return try read("cannot read the index") { db in
            try BatchSnapshot.read(
                for: stories, committedBatches: committedBatches, pending: pending, using: writer, db)
        }
    }

    /// Starts a checkpointer for a run of batch writes; stop it when they end.
    func startCheckpointer() -> Checkpointer {
        Checkpointer(path: location.databasePath)
    }

    /// Runs `body` with the index's one writer: batches are stored in transactions that
    /// `body` closes with `BatchWriter.commit()`; what is left uncommitted when `body` ends is
    /// committed, and rolled back if it throws.
    func writingBatches<T>(_ body: (inout BatchWriter) throws -> T) throws(StoreError) -> T {
        guard let writer else { throw StoreError(.database, "the index is open read-only") }
        do {
            return try database.writeWithoutTransaction { db in
                var session = BatchWriter(writer: writer, db: db)
                do {
                    let result = try body(&session)
                    try session.commit()
                    return result
                } catch {
                    if db.isInsideTransaction { try? db.rollback() }
                    throw error
                }
            }
        } catch {
            throw StoreError.wrapping(error, doing: "cannot store stories")
        }
    }
}

/// The writer's side of an ingest: stores batches inside an open transaction. Grouping
/// several batches in one transaction writes each touched page of the candidate tables once
/// per transaction instead of once per batch.
struct BatchWriter {
    let writer: StoryWriter
    let db: Database
    /// Stories stored since the last commit.
    private(set) var uncommitted = 0
    /// Bytes of title and body stored since the last commit.
    private(set) var uncommittedBytes = 0

    init(writer: StoryWriter, db: Database) {
        self.writer = writer
        self.db = db
    }

    /// Stores a batch, given its snapshot brought up to date, which then holds what the
    /// batch changed (`additions`).
    mutating func ingest(_ stories: [AnalyzedStory], snapshot: inout BatchSnapshot) throws -> [IngestOutcome] {
        if !db.isInsideTransaction { try db.beginTransaction(.immediate) }
        uncommitted += stories.count
        uncommittedBytes += stories.reduce(0) { $0 + $1.story.title.utf8.count + $1.story.body.utf8.count }
        return try writer.ingest(stories, &snapshot, db)
    }

    mutating func commit() throws {
        guard db.isInsideTransaction else { return }
        try db.commit()
        uncommitted = 0
        uncommittedBytes = 0
    }
}
