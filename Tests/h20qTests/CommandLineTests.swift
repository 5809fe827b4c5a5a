import Foundation
import Testing

/// The `h20q` binary as a user runs it: exit statuses, stderr lines, output shapes.
struct CommandLineTests {
    let h20q = BinaryRunner()

    let wire = """
        {"id": "w1", "title": "Ministry widens chip export licences", "body": "The trade ministry said on Wednesday it would require licences for exports of advanced accelerator chips to a wider list of countries, closing a gap that officials said had let older designs reach restricted buyers. Companies will have thirty days to apply, and existing contracts will be reviewed case by case, the ministry said in a statement on its website.", "source": "Wire", "published": "2025-08-13T10:00:00Z"}
        {"id": "r1", "title": "Chip export rules tightened", "body": "The trade ministry said on Wednesday it would require licences for exports of advanced accelerator chips to a wider list of countries, closing a gap that officials said had let older designs reach restricted buyers. Companies will have thirty days to apply, and existing contracts will be reviewed case by case, the ministry said in a statement on its website. A spokesman declined to comment further.", "source": "Daily", "published": "2025-08-13T12:00:00Z"}
        {"id": "c1", "title": "Ministry widens chip export licences", "body": "The trade ministry said on Wednesday it would require licences for exports of advanced accelerator chips to a wider list of countries, closing a gap that officials said had let older designs reach restricted buyers. Companies will have thirty days to apply, and existing contracts will be reviewed case by case, the ministry said in a statement on its website.", "source": "Copy Desk"}
        {"id": "u1", "title": "Barges slow on low river", "body": "Grain barges moved slowly after a week of low water, shippers said.", "source": "Wire", "published": "2025-08-12T09:00:00Z"}
        """

    @Test func helpListsTheCommands() throws {
        let result = try h20q.run(["--help"])
        #expect(result.status == 0)
        for command in ["init", "ingest", "search", "show", "dupes", "stats"] {
            #expect(result.output.contains("  \(command)"), "\(command) missing from --help")
        }
    }

    @Test func ingestFoldsSearchesShowsAndReports() throws {
        let scratch = Scratch()
        let file = scratch.write("wire.jsonl", wire)
        let ingest = try h20q.run(["ingest", "--index", scratch.index, file])
        #expect(ingest.status == 0)
        #expect(
            ingest.errorLines == [
                "read 4, new 4, updated 0, unchanged 0, exact duplicates 1, near-duplicates 1, errors 0"
            ])
        #expect(ingest.output.isEmpty)

        let search = try h20q.run(["search", "--index", scratch.index, "export", "licences"])
        #expect(search.status == 0)
        #expect(search.output.contains("1. Ministry widens chip export licences"))
        #expect(search.output.contains("+2 republications"))
        #expect(!search.output.contains("\u{1B}["), "no styling when output is not a terminal")

        let hits = try json(h20q.run(["search", "--index", scratch.index, "--json", "accelerator"]).output)
        #expect(hits["total"] as? Int == 1)
        let hit = try #require((hits["hits"] as? [[String: Any]])?.first)
        #expect(Set(hit.keys) == ["id", "title", "source", "url", "published", "score", "snippet", "duplicates"])
        #expect(hit["url"] is NSNull)
        let duplicates = try #require(hit["duplicates"] as? [[String: Any]])
        #expect(duplicates.count == 2)
        #expect(duplicates.allSatisfy { Set($0.keys) == ["id", "source", "published", "similarity"] })
        #expect(duplicates.contains { $0["published"] is NSNull }, "c1 has no date")

        let show = try h20q.run(["show", "--index", scratch.index, "c1"])
        #expect(show.status == 0)
        #expect(show.output.contains("Ministry widens chip export licences"))
        #expect(show.output.contains("Exact copies (1)"))

        let dupes = try json(h20q.run(["dupes", "--index", scratch.index, "--json"]).output)
        let clusters = try #require(dupes["clusters"] as? [[String: Any]])
        #expect(clusters.count == 1)
        #expect(clusters.first?["canonical"] as? String == "w1")
        #expect((clusters.first?["members"] as? [[String: Any]])?.map { $0["id"] as? String } == ["w1", "r1", "c1"])

        let stats = try h20q.stats(scratch.index)
        #expect(stats["sightings"] as? Int == 4)
        #expect(stats["stories"] as? Int == 3)
        #expect(stats["duplicateClusters"] as? Int == 1)
    }

    @Test func badInputIsReportedByFileAndLineAndTheRestIsKept() throws {
        let scratch = Scratch()
        let file = scratch.write(
            "mixed.jsonl", wire + "\n{\"id\": \"bad\", \"title\": }\n{\"id\": \"x1\", \"title\": \"Late story\"}\n")
        let result = try h20q.run(["ingest", "--index", scratch.index, file, scratch.path + "/missing.jsonl"])
        #expect(result.status == 1)
        #expect(
            result.errorLines == [
                "\(scratch.path)/missing.jsonl: cannot open: No such file or directory",
                "\(file):5: invalid JSON at column 24: expected a value, found '}'",
                "read 7, new 5, updated 0, unchanged 0, exact duplicates 1, near-duplicates 1, errors 2",
            ])
        let stats = try h20q.stats(scratch.index)
        #expect(stats["sightings"] as? Int == 5)
    }

    @Test func standardInputIsJSONLines() throws {
        let scratch = Scratch()
        let result = try h20q.run(["ingest", "--index", scratch.index, "-"], input: Data(wire.utf8))
        #expect(result.status == 0)
        #expect(result.errorLines.last?.hasPrefix("read 4, new 4") == true)
        let garbage = try h20q.run(["ingest", "--index", scratch.index, "-"], input: Data("nope\n".utf8))
        #expect(garbage.errorLines.first == "<stdin>:1: invalid JSON at column 1: expected a value, found 'n'")
        // Without ids, stories from stdin are told apart by their text, not their line.
        for title in ["Day one story", "Day two story", "Day one story"] {
            try h20q.run(["ingest", "--index", scratch.index, "-"], input: Data(#"{"title": "\#(title)"}"#.utf8))
        }
        let stats = try h20q.stats(scratch.index)
        #expect(stats["sightings"] as? Int == 6)
    }

    @Test func gzipOnStandardInputMayTrickleIn() throws {
        let scratch = Scratch()
        let compressed = scratch.path + "/w.jsonl.gz"
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = [
            "-c",
            "gzip -c '\(scratch.write("w.jsonl", wire))' > '\(compressed)'; "
                + "(head -c1 '\(compressed)'; sleep 0.3; tail -c +2 '\(compressed)') | '\(BinaryRunner.binary)' ingest --index '\(scratch.index)' -",
        ]
        let errors = Pipe()
        shell.standardError = errors
        try shell.run()
        shell.waitUntilExit()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(shell.terminationStatus == 0)
        #expect(output.hasPrefix("read 4, new 4"), "\(output)")
    }

    @Test func feedsOnStandardInputKeepTheirOwnItems() throws {
        let scratch = Scratch()
        for channel in ["Desk One", "Desk Two"] {
            let feed =
                "<rss><channel><title>\(channel)</title><item><guid>42</guid><title>Item of \(channel)</title></item></channel></rss>"
            #expect(
                try h20q.run(["ingest", "--index", scratch.index, "--format", "feed", "-"], input: Data(feed.utf8))
                    .status == 0)
        }
        let stats = try h20q.stats(scratch.index)
        #expect(stats["sightings"] as? Int == 2)
    }

    @Test func searchExitStatusesAreLikeGreps() throws {
        let scratch = Scratch()
        try h20q.run(["ingest", "--index", scratch.index, scratch.write("wire.jsonl", wire)])
        let none = try h20q.run(["search", "--index", scratch.index, "zeppelin"])
        #expect(none.status == 1)
        #expect(none.output.isEmpty)
        #expect(none.errorLines == ["no stories match"])
        let invalid = try h20q.run(["search", "--index", scratch.index, "NOT", "chips"])
        #expect(invalid.status == 2)
        #expect(invalid.errorLines.count == 1)
        #expect(invalid.errorLines.first?.hasPrefix("h20q: invalid query: ") == true)
        for query in [
            "U.S.", "C++", "\"unbalanced", "chips AND", "😀 chips", "-licence", "licence (chips OR export)",
            String(repeating: "export ", count: 800),
        ] {
            let result = try h20q.run(["search", "--index", scratch.index, query])
            #expect(result.status == 0 || result.status == 1, "\(query.prefix(20)): \(result.errors)")
            #expect(result.errorLines.count <= 1)
        }
        let past = try h20q.run(["search", "--index", scratch.index, "--offset", "50", "licences"])
        #expect(past.status == 1 && past.output.isEmpty)
        #expect(past.errorLines == ["no hits past --offset 50 (1 in all)"])
        let huge = try h20q.run(["search", "--index", scratch.index, "--offset", "9223372036854775000", "chips"])
        #expect(huge.status == 64)
        #expect(huge.errorLines.first == "Error: --offset must be between 0 and 1000000")
    }

    @Test func initRecordsTheParameters() throws {
        let scratch = Scratch()
        let first = try h20q.run(["init", "--index", scratch.index])
        #expect(first.status == 0)
        #expect(first.output.hasPrefix("created index \(scratch.index)\n"))
        #expect(first.output.contains("MinHash 128 permutations, LSH 20 bands x 6 rows"))
        #expect(
            try h20q.run(["init", "--index", scratch.index]).output.hasPrefix("index \(scratch.index) already exists"))
        let stats = try h20q.stats(scratch.index)
        let parameters = try #require(stats["parameters"] as? [String: Any])
        #expect(parameters["shingleSize"] as? Int == 5)
        #expect(parameters["permutations"] as? Int == 128)
        #expect(stats["sightings"] as? Int == 0)
    }

    @Test func formatFlagReadsAnyName() throws {
        let scratch = Scratch()
        let file = scratch.write(
            "notes.story",
            "Ministry widens chip licences\nThe trade ministry said on Wednesday it would widen licences.")
        let refused = try h20q.run(["ingest", "--index", scratch.index, file])
        #expect(refused.status == 1)
        #expect(refused.errorLines.first?.hasPrefix("\(file): unknown format") == true)
        let read = try h20q.run(["ingest", "--index", scratch.index, "--format", "text", file])
        #expect(read.status == 0)
        #expect(
            try h20q.run(["show", "--index", scratch.index, file]).output.hasPrefix("Ministry widens chip licences"))
    }

    @Test func aSecondWriterWaitsForTheFirst() throws {
        let scratch = Scratch()
        var lines: [String] = []
        for n in 0..<20_000 {
            lines.append(
                #"{"id": "s\#(n)", "title": "Story \#(n) on chips", "body": "Body \#(n) with words \#(n * 3) and \#(n * 11)."}"#
            )
        }
        let file = scratch.write("big.jsonl", lines.joined(separator: "\n"))
        let first = try h20q.start(["ingest", "--index", scratch.index, file])
        while !FileManager.default.fileExists(atPath: scratch.index + "/h20q.lock") {
            Thread.sleep(forTimeInterval: 0.01)
        }
        let firstWasRunning = first.isRunning
        let second = try h20q.run(["ingest", "--index", scratch.index, file])
        first.waitUntilExit()
        #expect(first.terminationStatus == 0 && second.status == 0)
        if firstWasRunning {
            #expect(second.errorLines.first == "h20q: waiting for another ingest to finish writing \(scratch.index)")
        }
        let stats = try h20q.stats(scratch.index)
        #expect(stats["sightings"] as? Int == 20_000)
        #expect(stats["stories"] as? Int == 20_000)
    }

    @Test func anIndexPathThatIsAFileIsOneLine() throws {
        let scratch = Scratch()
        let file = scratch.write("not-a-folder", "x")
        let result = try h20q.run(["ingest", "--index", file, scratch.write("w.jsonl", wire)])
        #expect(result.status == 2)
        #expect(result.errorLines == ["h20q: \(file) is a file, not an index folder"])
    }

    @Test func missingIndexIsOneLineAndStatusTwo() throws {
        let scratch = Scratch()
        for command in [["search", "chips"], ["show", "x"], ["dupes"], ["stats"]] {
            let result = try h20q.run(command + ["--index", scratch.path + "/none"])
            #expect(result.status == 2)
            #expect(
                result.errorLines == [
                    "h20q: no index at \(scratch.path)/none (create one with `h20q ingest` or `h20q init`)"
                ])
        }
    }

    @Test func indexComesFromTheEnvironmentOrTheWorkingFolder() throws {
        let scratch = Scratch()
        let file = scratch.write("wire.jsonl", wire)
        var withVariable = h20q
        withVariable.environment["H20Q_INDEX"] = scratch.path + "/from-env"
        #expect(try withVariable.run(["ingest", file]).status == 0)
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/from-env/h20q.sqlite"))
        #expect(try h20q.run(["ingest", file], in: scratch.path).status == 0)
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/Index/h20q.sqlite"))
    }

    @Test func anIngestClosesTheIndexWithEverythingInTheDatabaseFile() throws {
        let scratch = Scratch()
        let lines = (0..<5_000).map { n in
            #"{"id": "w\#(n)", "title": "Story \#(n) on export licences", "body": "Words \#(n * 3) and \#(n * 11)."}"#
        }
        let file = scratch.write("many.jsonl", lines.joined(separator: "\n"))
        #expect(try h20q.run(["ingest", "--index", scratch.index, file]).status == 0)
        // The write-ahead log was checkpointed and removed as the last connection closed.
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.index).sorted()
        #expect(files == ["h20q.lock", "h20q.sqlite"])
        #expect(try h20q.stats(scratch.index)["sightings"] as? Int == 5_000)
    }

    @Test func aKilledIngestLeavesAConsistentIndexAndARerunCompletesIt() throws {
        let scratch = Scratch()
        var lines: [String] = []
        for n in 0..<30_000 {
            lines.append(
                #"{"id": "k\#(n)", "title": "Story \#(n) about chips and export licences", "body": "Body \#(n) with words \#(n * 7) and \#(n * 13) for the index."}"#
            )
        }
        let file = scratch.write("big.jsonl", lines.joined(separator: "\n"))
        let process = try h20q.start(["ingest", "--index", scratch.index, file])
        // Wait for the first committed batches, then kill without warning.
        var committed = 0
        for _ in 0..<600 where committed == 0 {
            Thread.sleep(forTimeInterval: 0.05)
            let stats = try? h20q.stats(scratch.index)
            committed = stats?["sightings"] as? Int ?? 0
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let partial = try h20q.stats(scratch.index)
        let kept = try #require(partial["sightings"] as? Int)
        #expect(kept > 0 && kept < 30_000, "the kill should land mid-run (\(kept) kept)")
        // Batches of 64, 128, 256, 512, then 1024 stories.
        let batchEnds = (0..<40).map { n in n < 4 ? 64 * ((2 << n) - 1) : 960 + 1024 * (n - 3) }
        #expect(batchEnds.contains(kept), "only whole batches are committed (\(kept))")

        let rerun = try h20q.run(["ingest", "--index", scratch.index, file])
        #expect(rerun.status == 0)
        #expect(
            rerun.errorLines.last?.hasPrefix("read 30000, new \(30_000 - kept), updated 0, unchanged \(kept),") == true,
            "\(rerun.errors)")
        let final = try h20q.stats(scratch.index)
        #expect(final["sightings"] as? Int == 30_000)
        #expect(final["stories"] as? Int == 30_000)
        #expect(try h20q.run(["search", "--index", scratch.index, "--json", "words", "91"]).status == 0)
    }
}
