import ArgumentParser
import H20QCore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats")
    func run() throws {}
}
