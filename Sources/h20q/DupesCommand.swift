import ArgumentParser
import H20QCore

struct DupesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dupes")
    func run() throws {}
}
