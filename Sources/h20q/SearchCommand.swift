import ArgumentParser
import H20QCore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search")
    func run() throws {}
}
