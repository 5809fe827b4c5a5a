import Foundation
import GRDB
import H20QFixtures
import Testing

@testable import H20QIngest
@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

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
