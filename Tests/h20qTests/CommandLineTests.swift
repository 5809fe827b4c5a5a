import Foundation
import H20QFixtures
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
        let folder = TemporaryFolder()
        let file = folder.write("wire.jsonl", wire)
        let ingest = try h20q.run(["ingest", "--index", folder.index, file])
        #expect(ingest.status == 0)
        #expect(
            ingest.errorLines == [
                "read 4, new 4, updated 0, unchanged 0, exact duplicates 1, near-duplicates 1, errors 0"
            ])
        #expect(ingest.output.isEmpty)

        let search = try h20q.run(["search", "--index", folder.index, "export", "licences"])
        #expect(search.status == 0)
        #expect(search.output.contains("1. Ministry widens chip export licences"))
        #expect(search.output.contains("+2 republications"))
        #expect(!search.output.contains("\u{1B}["), "no styling when output is not a terminal")

        let hits = try json(h20q.run(["search", "--index", folder.index, "--json", "accelerator"]).output)
        #expect(hits["total"] as? Int == 1)
        let hit = try #require((hits["hits"] as? [[String: Any]])?.first)
        #expect(Set(hit.keys) == ["id", "title", "source", "url", "published", "score", "snippet", "duplicates"])
        #expect(hit["url"] is NSNull)
        let duplicates = try #require(hit["duplicates"] as? [[String: Any]])
        #expect(duplicates.count == 2)
        #expect(duplicates.allSatisfy { Set($0.keys) == ["id", "source", "published", "similarity"] })
        #expect(duplicates.contains { $0["published"] is NSNull }, "c1 has no date")

        let show = try h20q.run(["show", "--index", folder.index, "c1"])
        #expect(show.status == 0)
        #expect(show.output.contains("Ministry widens chip export licences"))
        #expect(show.output.contains("Exact copies (1)"))

        let dupes = try json(h20q.run(["dupes", "--index", folder.index, "--json"]).output)
        let clusters = try #require(dupes["clusters"] as? [[String: Any]])
        #expect(clusters.count == 1)
        #expect(clusters.first?["canonical"] as? String == "w1")
        #expect((clusters.first?["members"] as? [[String: Any]])?.map { $0["id"] as? String } == ["w1", "r1", "c1"])

        let stats = try h20q.stats(folder.index)
        #expect(stats["sightings"] as? Int == 4)
        #expect(stats["stories"] as? Int == 3)
        #expect(stats["duplicateClusters"] as? Int == 1)
    }

    @Test func badInputIsReportedByFileAndLineAndTheRestIsKept() throws {
        let folder = TemporaryFolder()
        let file = folder.write(
            "mixed.jsonl", wire + "\n{\"id\": \"bad\", \"title\": }\n{\"id\": \"x1\", \"title\": \"Late story\"}\n")
        let result = try h20q.run(["ingest", "--index", folder.index, file, folder.path + "/missing.jsonl"])
        #expect(result.status == 1)
        #expect(
            result.errorLines == [
                "\(folder.path)/missing.jsonl: cannot open: No such file or directory",
                "\(file):5: invalid JSON at column 24: expected a value, found '}'",
                "read 7, new 5, updated 0, unchanged 0, exact duplicates 1, near-duplicates 1, errors 2",
            ])
        let stats = try h20q.stats(folder.index)
        #expect(stats["sightings"] as? Int == 5)
    }

    @Test func standardInputIsJSONLines() throws {
        let folder = TemporaryFolder()
        let result = try h20q.run(["ingest", "--index", folder.index, "-"], input: Data(wire.utf8))
        #expect(result.status == 0)
        #expect(result.errorLines.last?.hasPrefix("read 4, new 4") == true)
        let garbage = try h20q.run(["ingest", "--index", folder.index, "-"], input: Data("nope\n".utf8))
        #expect(garbage.errorLines.first == "<stdin>:1: invalid JSON at column 1: expected a value, found 'n'")
        // Without ids, stories from stdin are told apart by their text, not their line.
        for title in ["Day one story", "Day two story", "Day one story"] {
            try h20q.run(["ingest", "--index", folder.index, "-"], input: Data(#"{"title": "\#(title)"}"#.utf8))
        }
        let stats = try h20q.stats(folder.index)
        #expect(stats["sightings"] as? Int == 6)
    }

    @Test func gzipOnStandardInputMayTrickleIn() throws {
        let folder = TemporaryFolder()
        let compressed = folder.path + "/w.jsonl.gz"
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = [
            "-c",
            "gzip -c '\(folder.write("w.jsonl", wire))' > '\(compressed)'; "
                + "(head -c1 '\(compressed)'; sleep 0.3; tail -c +2 '\(compressed)') | '\(BinaryRunner.binary)' ingest --index '\(folder.index)' -",
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
        let folder = TemporaryFolder()
        for channel in ["Desk One", "Desk Two"] {
            let feed =
                "<rss><channel><title>\(channel)</title><item><guid>42</guid><title>Item of \(channel)</title></item></channel></rss>"
            #expect(
                try h20q.run(["ingest", "--index", folder.index, "--format", "feed", "-"], input: Data(feed.utf8))
                    .status == 0)
        }
        let stats = try h20q.stats(folder.index)
        #expect(stats["sightings"] as? Int == 2)
    }

    @Test func searchExitStatusesAreLikeGreps() throws {
        let folder = TemporaryFolder()
        try h20q.run(["ingest", "--index", folder.index, folder.write("wire.jsonl", wire)])
        let none = try h20q.run(["search", "--index", folder.index, "zeppelin"])
        #expect(none.status == 1)
        #expect(none.output.isEmpty)
        #expect(none.errorLines == ["no stories match"])
        let invalid = try h20q.run(["search", "--index", folder.index, "NOT", "chips"])
        #expect(invalid.status == 2)
        #expect(invalid.errorLines.count == 1)
        #expect(invalid.errorLines.first?.hasPrefix("h20q: invalid query: ") == true)
        let past = try h20q.run(["search", "--index", folder.index, "--offset", "50", "licences"])
        #expect(past.status == 1 && past.output.isEmpty)
        #expect(past.errorLines == ["no hits past --offset 50 (1 in all)"])
        let huge = try h20q.run(["search", "--index", folder.index, "--offset", "9223372036854775000", "chips"])
        #expect(huge.status == 2)
        #expect(huge.errorLines == ["h20q: --offset must be between 0 and 1000000 (got 9223372036854775000)"])
    }

    /// Queries as people type them: punctuation, stray syntax, emoji, a long paste. Each has
    /// one right answer over the four stories: these hits (folded), or none (status 1).
    @Test(arguments: [
        ("U.S.", [String]()), ("C++", []), ("\"unbalanced", []), ("chips AND", ["w1"]), ("😀 chips", ["w1"]),
        ("-licence", ["w1"]), ("licence (chips OR export)", ["w1"]), ("barges NOT chips", ["u1"]),
        ("spokesman", ["r1"]), (String(repeating: "export ", count: 800), ["w1"]),
    ])
    func queriesAsPeopleTypeThem(query: String, hits: [String]) throws {
        let folder = TemporaryFolder()
        try h20q.run(["ingest", "--index", folder.index, folder.write("wire.jsonl", wire)])
        let result = try h20q.run(["search", "--index", folder.index, "--json", query])
        #expect(result.status == (hits.isEmpty ? 1 : 0), "\(result.errors)")
        #expect(result.errors.isEmpty)
        let found = try json(result.output)["hits"] as? [[String: Any]]
        #expect(found?.map { $0["id"] as? String } == hits)
    }

    /// A usage error is one line naming the option and what it takes, and status 2.
    @Test(arguments: [
        (["search", "--limit", "0", "x"], "--limit must be between 1 and 1000 (got 0)"),
        (["search", "--limit", "-1", "x"], "--limit must be between 1 and 1000 (got -1)"),
        (["search", "--offset", "-5", "x"], "--offset must be between 0 and 1000000 (got -5)"),
        (["search", "--limit", "ten", "x"], "The value 'ten' is invalid for '--limit <limit>'"),
        (
            ["search", "--since", "garbage", "x"],
            "--since \"garbage\" is not an ISO-8601 date (2025-08-13 or 2025-08-13T09:30:00Z)"
        ),
        (["dupes", "--min-size", "1"], "--min-size must be at least 2 (got 1)"),
        (["stats", "--index", ""], "--index needs a folder (it was given empty)"),
        (["show"], "Missing expected argument '<id>'"),
    ])
    func usageErrorsAreOneLineAndStatusTwo(arguments: [String], message: String) throws {
        let result = try h20q.run(arguments)
        #expect(result.status == 2)
        #expect(result.errorLines == ["h20q: \(message)"])
        #expect(result.output.isEmpty)
    }

    /// Ids are keys, kept and compared byte for byte: none replaces another.
    @Test func idsThatLookAlikeStayApart() throws {
        let folder = TemporaryFolder()
        let file = folder.write(
            "ids.jsonl",
            #"""
            {"id": "doc\tone", "title": "Tab in its id", "body": "cafe story one about harbour cranes"}
            {"id": "doc%09one", "title": "Percent in its id", "body": "cafe story two about river barges"}
            {"id": "  same", "title": "Spaces", "body": "cafe story three about grain silos"}
            {"id": "same", "title": "No spaces", "body": "cafe story four about rail freight"}
            {"id": "café", "title": "Precomposed", "body": "cafe story five about ferry routes"}
            {"id": "cafe\u0301", "title": "Decomposed", "body": "cafe story six about toll roads"}
            """#)
        let ingest = try h20q.run(["ingest", "--index", folder.index, file])
        #expect(ingest.status == 1)
        #expect(
            ingest.errorLines == [
                "\(file):1: id has a control character (U+0009): ids are kept exactly as given, so give one without",
                "read 6, new 5, updated 0, unchanged 0, exact duplicates 0, near-duplicates 0, errors 1",
            ])
        let search = try json(h20q.run(["search", "--index", folder.index, "--all", "--json", "cafe"]).output)
        let ids = (search["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(search["total"] as? Int == 5)
        #expect(
            ids.map { Set($0.map { Array($0.utf8) }) }
                == Set(["doc%09one", "  same", "same", "café", "cafe\u{301}"].map { Array($0.utf8) }))
        for (id, title) in [
            ("  same", "Spaces"), ("same", "No spaces"), ("café", "Precomposed"), ("cafe\u{301}", "Decomposed"),
        ] {
            let show = try h20q.run(["show", "--index", folder.index, "--json", id])
            #expect(try json(show.output)["title"] as? String == title)
        }
    }

    @Test func aStoryWithAnUnreadableDateIsKeptUndatedWithAWarning() throws {
        let folder = TemporaryFolder()
        let file = folder.write(
            "dates.jsonl",
            #"""
            {"id": "d1", "title": "Dated by Unix time", "published": 1700000000}
            {"id": "d2", "title": "Dated by nothing anyone can read", "published": "the day after"}
            """#)
        let ingest = try h20q.run(["ingest", "--index", folder.index, file])
        #expect(ingest.status == 0)
        #expect(
            ingest.errorLines == [
                "\(file):2: warning: \"published\" is not a date (ISO-8601, RFC 2822 or Unix seconds): \"the day after\"; stored undated",
                "read 2, new 2, updated 0, unchanged 0, exact duplicates 0, near-duplicates 0, errors 0, warnings 1",
            ])
        #expect(
            try json(h20q.run(["show", "--index", folder.index, "--json", "d1"]).output)["published"] as? String
                == "2023-11-14T22:13:20Z")
        #expect(try json(h20q.run(["show", "--index", folder.index, "--json", "d2"]).output)["published"] is NSNull)
    }

    /// A word repeated a hundred thousand times answers as the word does; a query with more
    /// terms than are searched is one line naming the limit, and status 2.
    @Test func longQueriesAnswerAsTheirTermsOrSayTheLimit() throws {
        let folder = TemporaryFolder()
        try h20q.run(["ingest", "--index", folder.index, folder.write("wire.jsonl", wire)])
        let once = try json(h20q.run(["search", "--index", folder.index, "--json", "--all", "licences"]).output)
        // Linux takes at most 128 KiB in one argument: the query comes in ten.
        let words = Array(repeating: String(repeating: "licences ", count: 10_000), count: 10)
        let repeated = try h20q.run(["search", "--index", folder.index, "--json", "--all"] + words)
        #expect(repeated.status == 0 && repeated.errors.isEmpty)
        let hits = try json(repeated.output)["hits"] as? [[String: Any]]
        #expect(hits?.count == 3)
        for key in ["id", "score", "snippet"] {
            #expect(hits?.map { "\($0[key] ?? "")" } == (once["hits"] as? [[String: Any]])?.map { "\($0[key] ?? "")" })
        }

        let many = (1...65).map { "word\($0)" } + words
        let refused = try h20q.run(["search", "--index", folder.index] + many)
        #expect(refused.status == 2)
        #expect(refused.output.isEmpty)
        #expect(refused.errorLines == ["h20q: invalid query: 66 terms; at most 64 are searched: shorten the query"])
    }

    @Test func initRecordsTheParameters() throws {
        let folder = TemporaryFolder()
        let first = try h20q.run(["init", "--index", folder.index])
        #expect(first.status == 0)
        #expect(first.output.hasPrefix("created index \(folder.index)\n"))
        #expect(first.output.contains("MinHash 128 permutations, LSH 20 bands x 6 rows"))
        #expect(
            try h20q.run(["init", "--index", folder.index]).output.hasPrefix("index \(folder.index) already exists"))
        let stats = try h20q.stats(folder.index)
        let parameters = try #require(stats["parameters"] as? [String: Any])
        #expect(parameters["shingleSize"] as? Int == 5)
        #expect(parameters["permutations"] as? Int == 128)
        #expect(stats["sightings"] as? Int == 0)
    }

    @Test func formatFlagReadsAnyName() throws {
        let folder = TemporaryFolder()
        let file = folder.write(
            "notes.story",
            "Ministry widens chip licences\nThe trade ministry said on Wednesday it would widen licences.")
        let refused = try h20q.run(["ingest", "--index", folder.index, file])
        #expect(refused.status == 1)
        #expect(refused.errorLines.first?.hasPrefix("\(file): unknown format") == true)
        let read = try h20q.run(["ingest", "--index", folder.index, "--format", "text", file])
        #expect(read.status == 0)
        #expect(
            try h20q.run(["show", "--index", folder.index, file]).output.hasPrefix("Ministry widens chip licences"))
    }

    @Test func aSecondWriterWaitsForTheFirst() throws {
        let folder = TemporaryFolder()
        #expect(try h20q.run(["init", "--index", folder.index]).status == 0)
        // This test holds the writer lock, as an ingest under way does.
        let lock = open(folder.index + "/h20q.lock", O_RDWR)
        #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
        let second = try h20q.launch(["ingest", "--index", folder.index, folder.write("wire.jsonl", wire)])
        #expect(second.readErrorLine() == "h20q: waiting for another ingest to finish writing \(folder.index)")
        #expect(try h20q.stats(folder.index)["sightings"] as? Int == 0, "nothing written while it waits")
        close(lock)
        let result = second.finish()
        #expect(result.status == 0)
        #expect(result.errorLines.last?.hasPrefix("read 4, new 4") == true, "\(result.errors)")
        #expect(try h20q.stats(folder.index)["sightings"] as? Int == 4)
    }

    @Test func anIndexPathThatIsAFileIsOneLine() throws {
        let folder = TemporaryFolder()
        let file = folder.write("not-a-folder", "x")
        let result = try h20q.run(["ingest", "--index", file, folder.write("w.jsonl", wire)])
        #expect(result.status == 2)
        #expect(result.errorLines == ["h20q: \(file) is a file, not an index folder"])
    }

    @Test func missingIndexIsOneLineAndStatusTwo() throws {
        let folder = TemporaryFolder()
        for command in [["search", "chips"], ["show", "x"], ["dupes"], ["stats"]] {
            let result = try h20q.run(command + ["--index", folder.path + "/none"])
            #expect(result.status == 2)
            #expect(
                result.errorLines == [
                    "h20q: no index at \(folder.path)/none (create one with `h20q ingest` or `h20q init`)"
                ])
        }
    }

    @Test func indexComesFromTheEnvironmentOrTheWorkingFolder() throws {
        let folder = TemporaryFolder()
        let file = folder.write("wire.jsonl", wire)
        var withVariable = h20q
        withVariable.environment["H20Q_INDEX"] = folder.path + "/from-env"
        #expect(try withVariable.run(["ingest", file]).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/from-env/h20q.sqlite"))
        #expect(try h20q.run(["ingest", file], in: folder.path).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/Index/h20q.sqlite"))
    }

    @Test func anIngestClosesTheIndexWithEverythingInTheDatabaseFile() throws {
        let folder = TemporaryFolder()
        let lines = (0..<5_000).map { n in
            #"{"id": "w\#(n)", "title": "Story \#(n) on export licences", "body": "Words \#(n * 3) and \#(n * 11)."}"#
        }
        let file = folder.write("many.jsonl", lines.joined(separator: "\n"))
        #expect(try h20q.run(["ingest", "--index", folder.index, file]).status == 0)
        // The write-ahead log was checkpointed and removed as the last connection closed.
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.index).sorted()
        #expect(files == ["h20q.lock", "h20q.sqlite"])
        #expect(try h20q.stats(folder.index)["sightings"] as? Int == 5_000)
    }

    @Test func aKilledIngestLeavesAConsistentIndexAndARerunCompletesIt() throws {
        let folder = TemporaryFolder()
        let lines = (0..<30_000).map { n in
            #"{"id": "k\#(n)", "title": "Story \#(n) about chips and export licences", "body": "Body \#(n) with words \#(n * 7) and \#(n * 13) for the index."}"#
        }
        let file = folder.write("big.jsonl", lines.joined(separator: "\n"))
        #expect(try h20q.run(["init", "--index", folder.index]).status == 0)
        // The first two batches (64 and 128 stories) on a pipe left open: the ingest commits
        // them, then waits for more. It is killed then, without warning.
        let changes = try FolderChanges(folder.index)
        let ingest = try h20q.launch(["ingest", "--index", folder.index, "-"])
        ingest.send(lines.prefix(192).joined(separator: "\n") + "\n")
        var kept = 0
        while kept < 192, changes.wait(seconds: 60) {
            kept = try h20q.stats(folder.index)["sightings"] as? Int ?? 0
        }
        ingest.kill()
        #expect(kept == 192)
        #expect(try h20q.stats(folder.index)["sightings"] as? Int == 192, "committed batches stay")

        let rerun = try h20q.run(["ingest", "--index", folder.index, file])
        #expect(rerun.status == 0)
        #expect(
            rerun.errorLines.last?.hasPrefix("read 30000, new 29808, updated 0, unchanged 192,") == true,
            "\(rerun.errors)")
        let final = try h20q.stats(folder.index)
        #expect(final["sightings"] as? Int == 30_000)
        #expect(final["stories"] as? Int == 30_000)
        #expect(try h20q.run(["search", "--index", folder.index, "--json", "words", "91"]).status == 0)
    }
}
