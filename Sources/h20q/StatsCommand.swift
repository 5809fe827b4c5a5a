import ArgumentParser
import H20QSearch
import H20QStore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Print what the index holds and the parameters fixed in it.")

    @OptionGroup var options: IndexOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try options.open(.readOnly)
        let stats: IndexStats
        do {
            stats = try store.stats()
        } catch {
            throw fail(error.message)
        }
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
}
