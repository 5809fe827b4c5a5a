import Foundation
import H20QFixtures
import H20QServer
import Synchronization
import Testing

/// Cron reindexing while the daemon serves: no request fails, and what was reindexed is
/// found as soon as reindex is done.
struct ReindexWhileServingTests {
    let h20q = BinaryRunner()

    @Test func theDaemonAnswersEveryRequestWhileTenThousandStoriesAreReindexed() throws {
        let folder = TemporaryFolder()
        #expect(try h20q.run(["ingest", "--index", folder.index, GoldenOutputTests.sample]).status == 0)
        var generator = TextGenerator(seed: 29)
        for file in 0..<10 {
            let lines = (0..<1_000).map { n in
                #"{"id": "r\#(file)-\#(n)", "title": "reindexed \#(n)", "body": "zanzibar \#(generator.text(40))"}"#
            }
            folder.write("watched/part\(file).jsonl", lines.joined(separator: "\n"))
        }
        #expect(try h20q.run(["sources", "add", "--index", folder.index, folder.path + "/watched"]).status == 0)
        let daemon = try ServingDaemon(index: folder.index)
        let done = Atomic(false)
        let counts = Mutex((answered: 0, failed: 0))
        let stopped = DispatchSemaphore(value: 0)
        let searching = Thread { [socket = daemon.socket] in
            let client = DaemonClient(socket: socket)
            while !done.load(ordering: .acquiring) {
                let status = (try? client.get("/v1/search?q=licence"))?.status
                counts.withLock { counts in
                    if status == 200 { counts.answered += 1 } else { counts.failed += 1 }
                }
            }
            stopped.signal()
        }
        searching.start()
        let reindex = try h20q.run(["reindex", "--index", folder.index])
        done.store(true, ordering: .releasing)
        stopped.wait()
        #expect(reindex.status == 0, "\(reindex.errors)")
        let (answered, failed) = counts.withLock { ($0.answered, $0.failed) }
        #expect(failed == 0)
        #expect(answered > 0)
        let found = try daemon.client().get("/v1/search?q=zanzibar&all=true&limit=1")
        #expect(found.status == 200)
        let total = try json(String(decoding: found.body, as: UTF8.self))["total"] as? Int
        #expect(total == 10_000)
        #expect(daemon.stop().status == 0)
    }
}
