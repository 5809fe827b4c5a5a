import ArgumentParser
import Foundation
import GRDB
import H20QSearch
import H20QStore

/// Measurement helpers for the scripts in Scripts/: a bare FTS5 baseline for the ingest
/// benchmark, an exact all-pairs check of an index's clusters, and the query benchmarks.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "h20q-bench",
        abstract: "Baselines and exact checks for h20q's benchmark and quality scripts.",
        subcommands: [
            BaselineCommand.self, PairsCommand.self, CurvesCommand.self, GenerateCommand.self, FoundationCommand.self,
            DigestsCommand.self, QueryCommand.self, QueryScaleCommand.self, RelatedCommand.self,
        ])
}
