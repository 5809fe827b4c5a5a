import ArgumentParser
import H20QStore

struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Merge the full-text index's segments and refresh SQLite's statistics.",
        discussion: "Reindex does it by itself when enough has changed; readers keep reading meanwhile.")

    @OptionGroup var options: IndexOptions

    func run() throws {
        let store = try options.open(.readWrite(creating: .standard))
        do {
            try store.optimize()
        } catch {
            throw fail(error.message)
        }
        Terminal.standardError.write("optimized \(store.location)\n")
    }
}
