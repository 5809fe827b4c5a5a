import ArgumentParser
import Foundation
import H20QSearch
import H20QServer
import H20QStore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Print what the index holds and the parameters fixed in it.")

    @OptionGroup var options: IndexOptions

    @OptionGroup var daemon: DaemonOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let stats = try answer()
        if json {
            try JSONOutput.print(stats)
            return
        }
        let megabytes = Double(stats.indexBytes) / 1_048_576
        var lines = [
            "index       \(stats.index) (\(decimal(megabytes)) MB)",
            "sightings   \(stats.sightings.grouped) ids ingested",
            "stories     \(stats.stories.grouped) distinct texts (\((stats.sightings - stats.stories).grouped) exact copies)",
            "clusters    \(stats.clusters.grouped) (\(stats.duplicateClusters.grouped) with duplicates, holding \(stats.duplicateSightings.grouped) sightings)",
        ]
        if let created = stats.created { lines.append("created     \(created) by h20q \(stats.version ?? "?")") }
        lines.append("parameters")
        lines += ParameterText.lines(stats.parameters)
        Terminal.standardOutput.write(lines.joined(separator: "\n") + "\n")
    }

    /// The statistics: the daemon's when it answers, with the index named as given here (the
    /// daemon may have been given the same folder by another path); else read here.
    private func answer() throws -> IndexStats {
        var client: DaemonClient?
        if let reply = daemon.ask("/v1/stats", index: options.location, client: &client), reply.status == 200,
            var stats = try? JSONDecoder().decode(IndexStats.self, from: Data(reply.body))
        {
            stats.index = options.location.folder
            return stats
        }
        let store = try options.open(.readOnly)
        do {
            return try store.stats()
        } catch {
            throw fail(error.message)
        }
    }
}
