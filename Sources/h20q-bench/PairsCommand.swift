import ArgumentParser
import H20QCore

struct PairsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pairs")
    func run() throws {}
}
