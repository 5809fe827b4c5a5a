import ArgumentParser
import H20QCore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show")
    func run() throws {}
}
