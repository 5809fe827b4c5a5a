import ArgumentParser
import Foundation
import H20QDedup
import H20QIngest
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
            DupesCommand.self, StatsCommand.self,
        ]
    )
}

/// Exit statuses, like grep's where they overlap.
enum ExitStatus {
    /// Some input was rejected (ingest), or nothing matched (search).
    static let partial = ExitCode(1)
    /// The request itself could not be carried out: bad query, missing or unusable index.
    static let failure = ExitCode(2)
}

/// `--index DIR`, shared by every command.
struct IndexOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Index folder (default: $H20Q_INDEX, else ./Index).", valueName: "dir"))
    var index: String?

    var location: IndexLocation {
        IndexLocation.resolve(option: index, environment: ProcessInfo.processInfo.environment)
    }

    func open(_ mode: StoryStore.Mode) throws -> StoryStore {
        do {
            return try StoryStore.open(location, mode: mode) {
                Terminal.standardError.write("h20q: waiting for another ingest to finish writing \(location)\n")
            }
        } catch {
            throw fail(error.message)
        }
    }
}

/// Prints `h20q: message` on standard error and returns the exit status to throw.
func fail(_ message: String, status: ExitCode = ExitStatus.failure) -> ExitCode {
    Terminal.standardError.write("h20q: \(message)\n")
    return status
}
