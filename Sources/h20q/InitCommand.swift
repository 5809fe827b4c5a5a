import ArgumentParser
import H20QSearch

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty index and print the parameters fixed in it.",
        discussion: "Ingesting into a folder without an index creates one the same way.")

    @OptionGroup var options: IndexOptions

    func run() throws {
        let existed = options.location.exists
        let store = try options.open(.readWrite(creating: .standard))
        print(existed ? "index \(store.location) already exists" : "created index \(store.location)")
        print(ParameterText.lines(store.parameters).joined(separator: "\n"))
    }
}
