import Foundation
import H20QFixtures
import Testing

/// `h20q reindex` over real folders: after each change, the index holds what a fresh ingest
/// of the same files holds.
struct ReindexTests {
    let h20q = BinaryRunner()

    func line(_ id: String, _ title: String, _ body: String) -> String {
        #"{"id": "\#(id)", "title": "\#(title)", "body": "\#(body)", "source": "Wire"}"#
    }

    var generator = TextGenerator(seed: 23)

    /// Stories, sightings and clusters (as sets of member ids) of an index.
    func contents(_ index: String) throws -> (stats: [Int], clusters: Set<Set<String>>) {
        let stats = try h20q.stats(index)
        let numbers = ["sightings", "stories", "clusters", "duplicateClusters"].map { stats[$0] as? Int ?? -1 }
        let dupes = try json(h20q.run(["dupes", "--direct", "--index", index, "--json"]).output)
        let clusters = (dupes["clusters"] as? [[String: Any]] ?? []).map { cluster in
            Set((cluster["members"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        }
        return (numbers, Set(clusters))
    }

    /// Checks the reindexed index against a fresh ingest of `folder`.
    func expectSameAsFreshIngest(_ index: String, _ folder: String, _ step: String) throws {
        let fresh = TemporaryFolder()
        let ingest = try h20q.run(["ingest", "--index", fresh.index, folder])
        #expect(ingest.status == 0 || ingest.status == 1, "\(step): \(ingest.errors)")
        let (a, b) = (try contents(index), try contents(fresh.index))
        #expect(a.stats == b.stats, "\(step)")
        #expect(a.clusters == b.clusters, "\(step)")
    }

    @Test mutating func reindexFollowsEveryChangeOfItsFolders() throws {
        let work = TemporaryFolder()
        let watched = work.path + "/watched"
        let base = generator.text(120)
        work.write(
            "watched/a.jsonl",
            [line("a1", "one", base), line("a2", "two", generator.text(80))].joined(separator: "\n"))
        work.write(
            "watched/b.jsonl",
            [line("b1", "one again", base + " said a spokesman"), line("b2", "three", generator.text(90))].joined(
                separator: "\n"))
        work.write("watched/deep/c.jsonl", line("c1", "four", generator.text(70)))
        #expect(try h20q.run(["sources", "add", "--index", work.index, watched]).status == 0)
        var run = try h20q.run(["reindex", "--index", work.index])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errorLines.first?.hasPrefix("scanned 3 files, changed 3, removed 0; stories added 5") == true)
        try expectSameAsFreshIngest(work.index, watched, "first run")

        // Nothing changed: nothing written.
        run = try h20q.run(["reindex", "--index", work.index])
        #expect(
            run.errorLines == [
                "scanned 3 files, changed 0, removed 0; stories added 0, replaced 0, removed 0; clusters changed 0"
            ])
        #expect(try h20q.run(["reindex", "--index", work.index, "--quiet"]).errors.isEmpty)

        // Modified: a2 rewritten, a3 added.
        work.write(
            "watched/a.jsonl",
            [
                line("a1", "one", base), line("a2", "two rewritten", generator.text(80)),
                line("a3", "five", generator.text(60)),
            ]
            .joined(separator: "\n"))
        run = try h20q.run(["reindex", "--index", work.index])
        #expect(
            run.errorLines.first?.hasPrefix(
                "scanned 3 files, changed 1, removed 0; stories added 1, replaced 1, removed 0") == true,
            "\(run.errors)")
        try expectSameAsFreshIngest(work.index, watched, "modified")

        // Truncated: b holds only b2 now; b1 leaves the cluster it made with a1.
        work.write("watched/b.jsonl", line("b2", "three", "x"))
        run = try h20q.run(["reindex", "--index", work.index])
        #expect(run.errorLines.first?.contains("removed 1; clusters changed 1") == true, "\(run.errors)")
        try expectSameAsFreshIngest(work.index, watched, "truncated")

        // Renamed: the same stories, from another file.
        try FileManager.default.moveItem(atPath: watched + "/deep/c.jsonl", toPath: watched + "/deep/d.jsonl")
        run = try h20q.run(["reindex", "--index", work.index])
        #expect(
            run.errorLines.first?.hasPrefix(
                "scanned 3 files, changed 1, removed 1; stories added 0, replaced 0, removed 0") == true,
            "\(run.errors)")
        try expectSameAsFreshIngest(work.index, watched, "renamed")

        // Deleted.
        try FileManager.default.removeItem(atPath: watched + "/a.jsonl")
        run = try h20q.run(["reindex", "--index", work.index])
        #expect(
            run.errorLines.first?.contains("removed 1; stories added 0, replaced 0, removed 3") == true, "\(run.errors)"
        )
        try expectSameAsFreshIngest(work.index, watched, "deleted")

        // The source removed: its stories go.
        #expect(try h20q.run(["sources", "remove", "--index", work.index, watched]).status == 0)
        #expect(try h20q.stats(work.index)["sightings"] as? Int == 0)
        let list = try json(h20q.run(["sources", "list", "--index", work.index, "--json"]).output)
        #expect((list["sources"] as? [Any])?.isEmpty == true)
    }

    @Test mutating func aLineInsertedAtTheTopRewritesNothing() throws {
        let work = TemporaryFolder()
        let stories = (0..<5).map { #"{"title": "untitled \#($0)", "body": "\#(generator.text(50))"}"# }
        work.write("watched/noid.jsonl", stories.joined(separator: "\n"))
        #expect(try h20q.run(["sources", "add", "--index", work.index, work.path + "/watched"]).status == 0)
        #expect(try h20q.run(["reindex", "--index", work.index]).status == 0)
        work.write(
            "watched/noid.jsonl",
            ([#"{"title": "new first line", "body": "rho sigma tau upsilon"}"#] + stories).joined(separator: "\n"))
        let run = try h20q.run(["reindex", "--index", work.index])
        #expect(
            run.errorLines.first?.hasPrefix(
                "scanned 1 files, changed 1, removed 0; stories added 1, replaced 0, removed 0") == true,
            "\(run.errors)")
        #expect(try h20q.stats(work.index)["sightings"] as? Int == 6)
    }

    @Test func reindexNeverWaitsForAnotherWriter() throws {
        let work = TemporaryFolder()
        #expect(try h20q.run(["init", "--index", work.index]).status == 0)
        let lock = open(work.index + "/h20q.lock", O_RDWR)
        defer { close(lock) }
        #expect(flock(lock, LOCK_EX) == 0)
        let pid = Array("4242\n".utf8)
        _ = ftruncate(lock, 0)
        _ = pwrite(lock, pid, pid.count, 0)
        for command in [["reindex"], ["ingest", "--no-wait", work.write("w.jsonl", line("x", "t", "b"))]] {
            let run = try h20q.run(command + ["--index", work.index])
            #expect(run.status == 75)
            #expect(run.errorLines == ["h20q: another h20q writer (pid 4242) holds the index"])
        }
    }
}
