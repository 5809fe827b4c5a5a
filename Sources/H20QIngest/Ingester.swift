import CMallocConfig
import Foundation
import H20QDedup
import H20QInput
import H20QStore

/// Runs the ingest pipeline on both cores. One thread reads, parses and fingerprints
/// stories, reads from the index what each batch needs to know, and frees the batches the
/// writer is done with; the calling thread writes the batches, several to a transaction; a
/// `Checkpointer` copies committed pages into the database file meanwhile:
///
///     files -> readers -> fingerprints -> snapshot (read) -> [batch] -> StoryStore (write)
///                                                  ^                         |
///                                                  +---- spent batches ------+
///
/// A killed run leaves every committed transaction in place; running it again finds those
/// ids unchanged and stores the rest.
public struct Ingester: Sendable {
    public let store: StoryStore
    /// Stories per batch, the unit of reading ahead and of writing.
    public var batchSize = Ingester.defaultBatchSize
    public static let defaultBatchSize = 1024
    /// Stories in the first batch.
    static let firstBatchSize = 64
    /// The longest story text taken: a book, not a news story, beyond it.
    public static let storyLimit = 2 << 20
    /// Text per batch: a batch also ends at this many bytes, so that long stories cannot fill
    /// memory however many batches are in flight.
    public var batchBytes = 4 << 20
    /// Batches waiting, prepared, for the writer: bounds memory whatever the input size. With
    /// none, the reading thread prepares the next batch while the writer stores one, and hands
    /// it over when the writer takes it: two batches in memory, not three. The reading thread
    /// takes about half to three quarters of the writer's time for a batch, so the writer
    /// seldom waits. (With two, 30,000 stories into a million-story index peaked 17 MB higher
    /// than with one, in no less time.)
    public var batchesAhead = 0
    /// Most stories in one write transaction (or 8 MiB of their text, whichever comes first);
    /// a killed ingest loses at most these.
    public var transactionLimit = 2 * Ingester.defaultBatchSize

    public init(store: StoryStore) {
        self.store = store
    }

    /// A stored batch, handed back to the reading thread to be freed there.
    private struct Spent: Sendable {
        var batch: Batch
        var snapshot: BatchSnapshot
        var outcomes: [IngestOutcome]
    }

    private struct Batch: Sendable {
        var stories: [AnalyzedStory] = []
        /// Inputs rejected, and warnings about stories kept, in order.
        private(set) var problems: [InputProblem] = []
        /// Inputs rejected: each counts toward the batch's size as a story would.
        private(set) var rejected = 0
        var bytesRead = 0
        var textBytes = 0
        var snapshot: Result<BatchSnapshot, StoreError>?

        var count: Int { stories.count + rejected }

        mutating func report(_ problem: InputProblem) {
            problems.append(problem)
            if !problem.isWarning { rejected += 1 }
        }

        /// This batch, leaving an empty one in its place.
        mutating func take() -> Batch {
            let taken = self
            self = Batch()
            return taken
        }
    }

    /// The allocator's process-wide settings, made once by the first ingest: blocks of 128 KiB
    /// and more (a batch's texts, fingerprints and postings) are mapped on their own and given
    /// back when freed. By default glibc raises that threshold to the largest such block freed,
    /// and from then on they come from the heap and leave resident holes behind: at 300,000
    /// generated stories the peak RSS was 225 MB that way, 189 MB with the threshold fixed.
    static let processSettings: Void = {
        _ = h20q_malloc_fix_mmap_threshold(128 << 10)
    }()

    /// Ingests `files`; `problem` hears each bad input as it is met, `progress` after each batch.
    public func run(
        _ files: [InputFile],
        problem: (InputProblem) -> Void,
        progress: (IngestProgress) -> Void = { _ in }
    ) throws(StoreError) -> IngestSummary {
        _ = Self.processSettings
        let checkpointer = store.startCheckpointer()
        defer { checkpointer.stop() }
        let channel = BoundedChannel<Batch>(capacity: batchesAhead)
        // Batches committed so far, written by the writer and read by the reading thread.
        let committed = Monitor(0)
        let discards = Discards()
        // The reading thread takes the store out and lets go of it before it says it is done,
        // so that the store closes (and checkpoints, and frees the writer lock) with the
        // caller's last reference, not with the thread object.
        let lent = Monitor<StoryStore?>(store)
        let produced = Monitor(false)
        // The ids read from each watched file, handed over by the reading thread at its end.
        let seenByFile = Monitor<[Int64: Set<String>]>([:])
        let producer = Thread { [batchSize, batchBytes] in
            if let store = lent.withLock({ $0.take() }) {
                let seen = Self.produce(
                    files, store: store, limits: (batchSize, batchBytes), committed: committed, discards: discards,
                    into: channel)
                seenByFile.withLock { $0 = seen }
            }
            produced.withLock { $0 = true }
        }
        producer.stackSize = 8 << 20
        producer.start()

        let clock = ContinuousClock()
        let start = clock.now
        let totalBytes = files.allSatisfy({ $0.size != nil }) ? files.reduce(0) { $0 + ($1.size ?? 0) } : nil
        var summary = IngestSummary()
        var recent: [(batch: Int, additions: BatchAdditions)] = []
        var sequence = 0
        let transactionLimit = self.transactionLimit
        let transactionBytes = 2 * batchBytes
        do {
            try store.writingBatches { writer in
                while var batch = channel.receive() {
                    sequence += 1
                    // Taken out of the batch so that updating it does not copy it.
                    var snapshot = try batch.snapshot!.get()
                    batch.snapshot = nil
                    for (number, additions) in recent where number > snapshot.committedBatches {
                        snapshot.merge(additions)
                    }
                    let outcomes = try writer.ingest(batch.stories, snapshot: &snapshot)
                    var stale: [BatchAdditions] = []
                    recent.removeAll { entry in
                        guard entry.batch <= snapshot.committedBatches else { return false }
                        stale.append(entry.additions)
                        return true
                    }
                    discards.discard(consume stale)
                    recent.append((sequence, snapshot.additions))
                    // Commit at the size limit, or whenever no batch is waiting anyway.
                    if writer.uncommitted >= transactionLimit || writer.uncommittedBytes >= transactionBytes
                        || channel.isEmpty
                    {
                        try writer.commit()
                        committed.withLock { [sequence] in $0 = sequence }
                        checkpointer.committed()
                    }
                    for outcome in outcomes { summary.count(outcome) }
                    for issue in batch.problems {
                        if issue.isWarning {
                            summary.warnings += 1
                        } else {
                            summary.read += 1
                            summary.errors += 1
                        }
                        problem(issue)
                    }
                    progress(
                        IngestProgress(
                            stories: summary.read, bytesRead: batch.bytesRead, totalBytes: totalBytes,
                            elapsed: clock.now - start))
                    discards.discard(Spent(batch: batch.take(), snapshot: consume snapshot, outcomes: consume outcomes))
                }
            }
        } catch {
            // The reading thread stops at its next read (it polls a pipe that has nothing to
            // say) and lets go of the store: nothing of this run outlives it.
            channel.cancel()
            discards.close()
            produced.wait(until: { $0 }, then: { _ in })
            throw error
        }
        // It has read everything; it frees the last batches and ends.
        discards.close()
        produced.wait(until: { $0 }, then: { _ in })
        summary.seenByFile = seenByFile.withLock { $0 }
        return summary
    }

    /// Returns the ids read from each watched file.
    private static func produce(
        _ files: [InputFile], store: StoryStore, limits: (stories: Int, bytes: Int), committed: Monitor<Int>,
        discards: Discards, into channel: BoundedChannel<Batch>
    ) -> [Int64: Set<String>] {
        var seen: [Int64: Set<String>] = [:]
        let fingerprinter = Fingerprinter(parameters: store.parameters)
        var batch = Batch()
        var bytesBefore = 0
        var cancelled = false
        // The first batches are small, so that the writer starts early; they double up to the limit.
        var storyLimit = min(Ingester.firstBatchSize, limits.stories)
        var pending = PendingStories()
        func flush() {
            guard batch.count > 0, !cancelled else { return }
            let seen = committed.withLock { $0 }
            batch.snapshot = Result { () throws(StoreError) in
                try store.snapshot(for: batch.stories, committedBatches: seen, pending: pending)
            }
            pending.endBatch(committed: seen)
            // Sent whole, so that the writer holds the only reference to its snapshot.
            cancelled = !channel.send(batch.take())
            discards.free()
            storyLimit = min(2 * storyLimit, limits.stories)
        }
        let stopped: @Sendable () -> Bool = { channel.isCancelled }
        for file in files where !cancelled && !channel.isCancelled {
            bytesBefore += file.read(stoppingWhen: stopped) { event, bytesRead in
                batch.bytesRead = bytesBefore + bytesRead
                switch event {
                case .story(var story):
                    if let renamed = file.renames[story.id] { story.id = renamed }
                    let bytes = story.title.utf8.count + story.body.utf8.count
                    if bytes > Ingester.storyLimit {
                        batch.report(
                            InputProblem(
                                story.location,
                                "story text is over \(Ingester.storyLimit >> 20) MiB (\(bytes >> 20) MiB): split it"))
                        break
                    }
                    let fingerprint = fingerprinter.fingerprint(title: story.title, body: story.body)
                    if fingerprint.shingles.count == 0 {
                        batch.report(InputProblem(story.location, "story has no words to index"))
                    } else {
                        var analyzed = AnalyzedStory(story: story, fingerprint: fingerprint)
                        analyzed.file = file.tracking
                        if let tracking = file.tracking { seen[tracking, default: []].insert(story.id) }
                        batch.stories.append(analyzed)
                        pending.add(id: story.id, textHash: fingerprint.textHash)
                        batch.textBytes += analyzed.bytes
                    }
                case .problem(let problem):
                    batch.report(problem)
                }
                if batch.count >= storyLimit || batch.textBytes >= limits.bytes { flush() }
            }
            batch.bytesRead = bytesBefore
        }
        flush()
        channel.close()
        discards.freeUntilClosed()
        return seen
    }
}
