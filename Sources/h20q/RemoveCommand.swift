import ArgumentParser
import H20QStore

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove stories by id, repairing the clusters they were in.",
        discussion: """
            A story's text goes with its last id; its cluster is computed again (a cluster whose \
            canonical story went elects another). Exit status: 0 when every id was removed, 1 when \
            some were not in the index, 2 when the index could not be written.
            """)

    @OptionGroup var options: IndexOptions

    @Flag(help: "Exit at once with status 75 if another writer holds the index, instead of waiting.")
    var noWait = false

    @Argument(help: "Ids of the stories to remove, as ingest stored them.")
    var ids: [String]

    func run() throws {
        let store = try options.open(.readWrite(creating: .standard), wait: !noWait)
        let result: (removed: [String], clustersChanged: Int)
        do {
            result = try store.remove(ids)
        } catch {
            throw fail(error.message)
        }
        let removed = Set(result.removed.map { Array($0.utf8) })
        let missing = ids.filter { !removed.contains(Array($0.utf8)) }
        for id in missing { Terminal.standardError.write("h20q: no story with id \"\(id)\"\n") }
        Terminal.standardError.write(
            "removed \(result.removed.count), not found \(missing.count), clusters changed \(result.clustersChanged)\n")
        if !missing.isEmpty { throw ExitStatus.partial }
    }
}
