import Foundation
import H20QIngest
import H20QInput
import H20QStore

/// Reads stories on a thread of their own with h20q's readers, in batches of h20q's size and at
/// most two batches ahead of the consumer, as an ingest reads them.
///
///     for batch in ReadAhead(files) { ... }   // [IncomingStory], 1,024 at a time
final class ReadAhead: Sequence, IteratorProtocol {
    private struct Queue: Sendable {
        var batches: [[IncomingStory]] = []
        var done = false
    }

    private let queue = Monitor(Queue())

    init(_ files: [InputFile], batchSize: Int = Ingester.defaultBatchSize, ahead: Int = 2) {
        let queue = self.queue
        let reader = Thread {
            var batch: [IncomingStory] = []
            func send() {
                let full = batch
                batch = []
                queue.wait(until: { $0.batches.count < ahead }) { $0.batches.append(full) }
            }
            for file in files {
                file.read { event, _ in
                    guard case .story(let story) = event else { return }
                    batch.append(story)
                    if batch.count >= batchSize { send() }
                }
            }
            if !batch.isEmpty { send() }
            queue.withLock { $0.done = true }
        }
        reader.stackSize = 8 << 20
        reader.start()
    }

    func next() -> [IncomingStory]? {
        queue.wait(
            until: { !$0.batches.isEmpty || $0.done },
            then: { $0.batches.isEmpty ? nil : $0.batches.removeFirst() })
    }
}
