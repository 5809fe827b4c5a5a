import ArgumentParser
import H20QIngest
import H20QStore

struct ReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Bring the index up to date with its sources; safe to run from cron every minute.",
        discussion: """
            Files new or changed since the last run are read again (a file is read only when its \
            size or modification time moved, and then its bytes did); stories a file no longer \
            holds, and those of files gone, are removed. Never waits: while another writer holds \
            the index it exits 75 at once. Exit status: 0 ok, 1 some input rejected (named \
            PATH:LINE:), 2 usage, 74 the index could not be written, 75 another writer holds it.
            """)

    @OptionGroup var options: IndexOptions

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Print the summary as JSON on standard output.")
    var json = false

    func run() throws {
        let store = try options.open(.readWrite(creating: .standard), wait: false)
        let errors = Terminal.standardError
        let summary: ReindexSummary
        do {
            summary = try Reindexer(store: store).run { problem in
                if !quiet || !problem.isWarning { errors.write("\(problem)\n") }
            }
        } catch {
            throw fail(error.message, status: ExitStatus.cannotWrite)
        }
        if json {
            try JSONOutput.print(summary)
        } else if !quiet {
            errors.write(summary.line + "\n")
        }
        if summary.errors > 0 { throw ExitStatus.partial }
    }
}
