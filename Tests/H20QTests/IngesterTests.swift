import Foundation
import GRDB
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QIngest
@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

struct IngesterTests {
    /// The pipeline reads batches ahead of the writer; what it stores must not depend on it.
    @Test func pipelinedBatchesStoreWhatOneByOneStores() throws {
        let corpus = syntheticCorpus(seed: 31, originals: 48)
        let folder = TemporaryFolder()
        let lines = try corpus.map { story -> String in
            let object: [String: String] = ["id": story.id, "title": story.title, "body": story.body]
            return String(
                decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        let path = folder.write("corpus.jsonl", lines.joined(separator: "\n"))

        let sequential = try TestIndex()
        try sequential.ingest(readEvents(path).stories)

        let pipelined = try TestIndex()
        var ingester = Ingester(store: pipelined.store)
        ingester.batchSize = 5
        ingester.batchesAhead = 3
        var problems: [InputProblem] = []
        let summary = try ingester.run(InputFiles.expand([path], format: nil).files, problem: { problems.append($0) })
        #expect(problems.isEmpty)
        #expect(summary.read == corpus.count)
        #expect(summary.new == corpus.count)
        #expect(try pipelined.clusterSets() == sequential.clusterSets())
        #expect(try pipelined.store.stats().stories == sequential.store.stats().stories)

        // A second run finds everything unchanged and stores nothing twice.
        let again = try ingester.run(InputFiles.expand([path], format: nil).files, problem: { problems.append($0) })
        #expect(again.unchanged == corpus.count)
        #expect(try pipelined.store.stats().sightings == corpus.count)
    }

    @Test func replacementsAcrossBatchesInFlight() throws {
        // Ids come again with other texts in batches read before the earlier ones committed:
        // replaced stories must neither be matched nor left behind.
        var generator = TextGenerator(seed: 41)
        let x = generator.text(120)
        let xEdited = generator.edited(x, rate: 0.02)
        let xOther = generator.edited(x, rate: 0.02)
        var lines: [(String, String)] = [("r0", x)]
        for n in 3..<9 { lines.append(("f\(n)", generator.text(80))) }
        lines.append(("r1", xEdited))  // folds with r0
        for n in 9..<15 { lines.append(("f\(n)", generator.text(80))) }
        lines.append(("r0", generator.text(120)))  // r0 now tells another story
        for n in 15..<21 { lines.append(("f\(n)", generator.text(80))) }
        lines.append(("r2", xOther))  // the old r0 is gone: folds with r1 only
        let folder = TemporaryFolder()
        let path = folder.write(
            "rounds.jsonl",
            lines.map { #"{"id": "\#($0.0)", "title": "t", "body": "\#($0.1)"}"# }.joined(separator: "\n"))
        let index = try TestIndex()
        var ingester = Ingester(store: index.store)
        ingester.batchSize = 2
        ingester.batchesAhead = 6
        let summary = try ingester.run(InputFiles.expand([path], format: nil).files, problem: { _ in })
        #expect(summary.new == lines.count - 1 && summary.updated == 1)
        #expect(try index.clusterSets() == [["r1", "r2"]])
        #expect(try index.store.stats().stories == lines.count - 1)
        #expect(try index.store.story(id: "r0")?.cluster.members.count == 1)
    }
}

struct IngestFailureTests {
    /// When the writer fails, the run ends at once with the error: the reading thread, though
    /// it waits on a pipe that stays open, stops and lets go of the store, whose writer lock is
    /// free as soon as the caller drops it.
    @Test func aFailedIngestReleasesTheStoreAndItsLock() throws {
        let folder = TemporaryFolder()
        let location = IndexLocation(folder: folder.index)
        var store: StoryStore? = try StoryStore.open(location, mode: .readWrite(creating: .standard))
        // The index refuses one story, as a full disk or a damaged page would refuse a write.
        let connection = try DatabaseQueue(path: location.databasePath)
        try connection.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse BEFORE INSERT ON story WHEN NEW.title = 'refused'
                    BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                    """)
        }
        try connection.close()
        let fifo = folder.path + "/feed.jsonl"
        #expect(mkfifo(fifo, 0o600) == 0)
        let pipe = open(fifo, O_RDWR)
        defer { close(pipe) }
        // A first batch whose first story is refused; the pipe stays open after it.
        let lines = (0..<64).map { n in
            #"{"id": "p\#(n)", "title": "\#(n == 0 ? "refused" : "story \(n)")", "body": "words of story \#(n)"}"#
        }
        let text = Array((lines.joined(separator: "\n") + "\n").utf8)
        #expect(write(pipe, text, text.count) == text.count)

        let files = InputFiles.expand([fifo], format: nil).files
        let error = #expect(throws: StoreError.self) {
            try Ingester(store: store!).run(files, problem: { _ in })
        }
        #expect(error?.message.contains("refused by the test") == true)
        store = nil
        let lock = open(folder.index + "/h20q.lock", O_RDWR)
        defer { close(lock) }
        #expect(flock(lock, LOCK_EX | LOCK_NB) == 0, "the writer lock is free")
    }
}
