import Foundation
import H20QFixtures
import Testing

/// Outputs that people and scripts depend on, compared byte for byte with the files in
/// `Golden/`: every `--help`, and `search`, `show`, `dupes` and `stats` as JSON over the bundled
/// sample corpus, and `dupes` as text and CSV. Paths that differ from run to run (the sample's
/// temporary copy, the index folder) are written as `$SAMPLE` and `$INDEX`; `stats` drops its
/// creation time and size.
///
/// After a deliberate change of output, record the files anew and review the diff:
///
///     H20Q_RECORD_GOLDEN=1 swift test --filter GoldenOutputTests
struct GoldenOutputTests {
    static let recording = ProcessInfo.processInfo.environment["H20Q_RECORD_GOLDEN"] == "1"
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Index/sample").standardized.path

    var h20q: BinaryRunner {
        var runner = BinaryRunner()
        // Help text is wrapped to the terminal's width; pin it.
        runner.environment["COLUMNS"] = "100"
        return runner
    }

    static let commands = [
        "", "init", "ingest", "search", "show", "dupes", "stats", "sources", "reindex", "remove", "optimize", "serve",
    ]

    @Test(arguments: commands)
    func help(_ command: String) throws {
        let arguments = (command.isEmpty ? [] : [command]) + ["--help"]
        let result = try h20q.run(arguments)
        #expect(result.status == 0)
        try Self.compare(result.output, golden: "help/\(command.isEmpty ? "h20q" : command).txt")
    }

    /// The sample corpus copied to a folder folder and ingested there.
    func ingestedSample() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        try FileManager.default.copyItem(atPath: Self.sample, toPath: folder.path + "/sample")
        let ingest = try h20q.run(["ingest", "--index", folder.index, "sample"], in: folder.path)
        #expect(ingest.status == 0, "\(ingest.errors)")
        return folder
    }

    static let outputs: [(golden: String, arguments: [String])] = [
        ("search-export-licence.json", ["search", "--json", "export licence"]),
        ("search-all-source.json", ["search", "--json", "--all", "--source", "harbor wire", "--limit", "3", "chips"]),
        ("search-since-phrase.json", ["search", "--json", "--since", "2025-08-14", "\"data centre\" OR weather"]),
        ("show-canonical.json", ["show", "--json", "hw-20250813-0901"]),
        ("show-exact-copy.json", ["show", "--json", "vbb-88412"]),
        ("show-compilation.json", ["show", "--json", "https://coastlinetimes.example/briefing/2025/08/14/morning"]),
        ("dupes.json", ["dupes", "--json"]),
        ("dupes.txt", ["dupes"]),
        ("dupes.csv", ["dupes", "--csv"]),
        ("dupes-by-source.txt", ["dupes", "--by-source"]),
        ("dupes-explain.json", ["dupes", "--json", "--explain", "hw-20250813-0901", "desk-brief-001"]),
        ("stats.json", ["stats", "--json"]),
    ]

    @Test func jsonOutputsOverTheSampleCorpus() throws {
        let folder = try ingestedSample()
        for output in Self.outputs {
            let result = try h20q.run(
                Array(output.arguments.prefix(1)) + ["--index", folder.index] + output.arguments.dropFirst(),
                in: folder.path)
            #expect(result.status == 0, "\(output.arguments): \(result.errors)")
            var text = result.output
                .replacingOccurrences(of: folder.path + "/sample", with: "$SAMPLE")
                .replacingOccurrences(of: folder.index, with: "$INDEX")
            if output.arguments.first == "stats" { text = try Self.withoutRunFacts(text) }
            try Self.compare(text, golden: "sample/\(output.golden)")
        }
    }

    /// `stats --json` without what differs between two ingests of the same input.
    static func withoutRunFacts(_ text: String) throws -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.filter { line in
            !line.hasPrefix("  \"created\" :") && !line.hasPrefix("  \"indexBytes\" :")
        }.joined(separator: "\n")
    }

    static func compare(_ actual: String, golden name: String) throws {
        let file = folder.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(
            actual == expected,
            "\(name) differs from its golden file; if the change is meant, record it: H20Q_RECORD_GOLDEN=1 swift test --filter GoldenOutputTests"
        )
    }
}
