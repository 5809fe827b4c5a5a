import GRDB
import H20QDedup

/// The writer's side of an ingest: stores batches inside an open transaction. Grouping
/// several batches in one transaction writes each touched page of the candidate tables once
/// per transaction instead of once per batch.
package struct BatchWriter {
    let writer: StoryWriter
    let db: Database
    /// Stories stored since the last commit.
    package private(set) var uncommitted = 0
    /// Bytes of title and body stored since the last commit.
    package private(set) var uncommittedBytes = 0
    /// The words of the stories stored in this session, until their blocks are summarized.
    private let terms = BlockTerms()

    init(writer: StoryWriter, db: Database) {
        self.writer = writer
        self.db = db
    }

    /// Stores a batch, given its snapshot brought up to date, which then holds what the
    /// batch changed (`additions`).
    package mutating func ingest(_ stories: [AnalyzedStory], snapshot: inout BatchSnapshot) throws -> [IngestOutcome] {
        if !db.isInsideTransaction { try db.beginTransaction(.immediate) }
        uncommitted += stories.count
        uncommittedBytes += stories.reduce(0) { $0 + $1.story.title.utf8.count + $1.story.body.utf8.count }
        return try writer.ingest(stories, &snapshot, terms: terms, db)
    }

    package mutating func commit() throws {
        guard db.isInsideTransaction else { return }
        try db.commit()
        writer.filters.committed()
        uncommitted = 0
        uncommittedBytes = 0
    }
}
