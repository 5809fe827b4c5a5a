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
            DupesCommand.self, StatsCommand.self,
        ]
    )
}
