import ArgumentParser
import Foundation
import H20QInput
import H20QSearch
import H20QStore

@main
struct H20QCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "h20q",
        abstract: "A searchable, de-duplicated archive of news wire stories.",
        discussion: """
            Stories are ingested from JSON Lines, JSON, text, Markdown, HTML and RSS/Atom files \
            (gzip welcome), folded into clusters of the same story (word 5-shingles, MinHash LSH \
            and a containment sample, every candidate checked exactly), and indexed with SQLite FTS5.

            The index lives in --index DIR, else $H20Q_INDEX, else ./Index.
            """,
        version: H20Q.version,
        subcommands: [
            InitCommand.self, IngestCommand.self, SearchCommand.self, ShowCommand.self,
            DupesCommand.self, StatsCommand.self, SourcesCommand.self, ReindexCommand.self, RemoveCommand.self,
            OptimizeCommand.self, ServeCommand.self,
        ]
    )

    /// Runs the command line. A usage error (an unknown option, a value out of range) is one
    /// line, `h20q: what is wrong`, and exit status 2, as grep does: the usage is in `--help`.
    static func main() {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exitForUsage(error)
        }
        do {
            var command = command
            try command.run()
        } catch {
            exitForUsage(error)
        }
    }

    private static func exitForUsage(_ error: any Error) -> Never {
        // Help, --version and the commands' own exit statuses go as ArgumentParser has them.
        if error is ExitCode || exitCode(for: error) == .success { exit(withError: error) }
        Terminal.standardError.write("h20q: \(message(for: error))\n")
        exit(withError: ExitStatus.failure)
    }
}
