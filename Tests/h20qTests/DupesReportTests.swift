import Foundation
import H20QFixtures
import Testing

/// `h20q dupes` reports over the bundled sample corpus, as a user runs them: the CSV parses
/// with Python's csv module into as many rows as the JSON has members, the HTML page is one
/// self-contained file, usage errors are one line.
struct DupesReportTests {
    let h20q = BinaryRunner()

    func sample() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        try FileManager.default.copyItem(atPath: GoldenOutputTests.sample, toPath: folder.path + "/sample")
        let ingest = try h20q.run(["ingest", "--index", folder.index, "sample"], in: folder.path)
        #expect(ingest.status == 0, "\(ingest.errors)")
        return folder
    }

    @Test func csvParsesWithPythonIntoOneRowPerMember() throws {
        let folder = try sample()
        let report = try json(h20q.run(["dupes", "--index", folder.index, "--json"]).output)
        let clusters = try #require(report["clusters"] as? [[String: Any]])
        let members = clusters.reduce(0) { $0 + (($1["members"] as? [Any])?.count ?? 0) }
        #expect(members > 0)
        let csv = try h20q.run(["dupes", "--index", folder.index, "--csv"])
        #expect(csv.status == 0)
        let file = folder.write("dupes.csv", csv.output)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", "-c",
            """
            import csv, sys
            rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
            assert rows[0][:3] == ["cluster", "canonical", "member"], rows[0]
            assert all(len(row) == len(rows[0]) for row in rows)
            print(len(rows) - 1)
            """, file,
        ]
        let output = Pipe()
        python.standardOutput = output
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        let rows = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(rows.trimmingCharacters(in: .whitespacesAndNewlines) == String(members))
    }

    @Test func htmlIsOneSelfContainedPage() throws {
        let folder = try sample()
        let page = folder.path + "/report.html"
        let result = try h20q.run(["dupes", "--index", folder.index, "--html", page])
        #expect(result.status == 0)
        #expect(result.output.isEmpty)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<link") && !html.contains(" src="), "no external resources")
        #expect(html.contains("\"title\":\"Vestmark tightens licence rules for AI chip exports\""))
        #expect(html.contains("Morning Briefing"), "the compilation is listed")
    }

    @Test func explainAndBySource() throws {
        let folder = try sample()
        let explain = try h20q.run([
            "dupes", "--index", folder.index, "--explain", "hw-20250813-0901", "desk-brief-001",
        ])
        #expect(explain.status == 0)
        #expect(explain.output.contains("verdict          same story: containment 0.897 >= 0.8, both 40+ shingles"))
        let missing = try h20q.run(["dupes", "--index", folder.index, "--explain", "hw-20250813-0901", "nope"])
        #expect(missing.status == 1)
        #expect(missing.errorLines == ["h20q: no story with id \"nope\""])
        let sources = try json(h20q.run(["dupes", "--index", folder.index, "--by-source", "--json"]).output)
        #expect((sources["sources"] as? [[String: Any]])?.first?["source"] as? String == "Harbor Wire")
    }

    @Test(arguments: [
        (["dupes", "--explain", "a"], "--explain takes two story ids (got 1)"),
        (["dupes", "--json", "--csv"], "choose one of --json, --csv and --html"),
        (["dupes", "--limit", "0"], "--limit must be at least 1 (got 0)"),
        (["dupes", "--by-source", "--html", "x.html"], "--by-source prints text, --json or --csv"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let result = try h20q.run(arguments)
        #expect(result.status == 2)
        #expect(result.errorLines == ["h20q: \(message)"])
    }
}
