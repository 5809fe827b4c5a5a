import ArgumentParser
import Foundation
import H20QDedup
import H20QInput
import H20QSearch
import H20QServer
import H20QStore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index: one hit per story, republications folded under it.",
        discussion: """
            Words are all required (remote shutdown finds stories with both); punctuation is \
            fine (U.S., H20's, Zelenskiy-Putin, C++). FTS5 syntax works when used on purpose: \
            "exact phrase", OR, NOT, NEAR(a b, 5), prefix*, title:word.

            Exit status: 0 with hits, 1 when nothing matches, 2 for an invalid query or index.
            """)

    @OptionGroup var options: IndexOptions

    @OptionGroup var daemon: DaemonOptions

    @Flag(
        help:
            "Print JSON: {query, total, total_is_estimate, hits: [{id, title, source, url, published, score, snippet, duplicates}]}."
    )
    var json = false

    @Flag(help: "List every story, without folding republications.")
    var all = false

    @Option(parsing: .unconditional, help: "Hits to show (1 to \(SearchRequest.maximumLimit)).")
    var limit = 10

    @Option(parsing: .unconditional, help: "Hits to skip, for the next page (0 to \(SearchRequest.maximumOffset)).")
    var offset = 0

    @Option(help: "Only stories from this source (case-insensitive).")
    var source: String?

    @Option(help: ArgumentHelp("Only stories published on or after this date (ISO-8601).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only stories published on or before this date (ISO-8601).", valueName: "date"))
    var until: String?

    // Words starting with a dash ("-licence", "---") are query text, not options.
    @Argument(parsing: .allUnrecognized, help: "What to search for.")
    var query: [String]

    func validate() throws {
        guard (1...SearchRequest.maximumLimit).contains(limit) else {
            throw ValidationError("--limit must be between 1 and \(SearchRequest.maximumLimit) (got \(limit))")
        }
        guard (0...SearchRequest.maximumOffset).contains(offset) else {
            throw ValidationError("--offset must be between 0 and \(SearchRequest.maximumOffset) (got \(offset))")
        }
        // Words after a literal -- are query text whatever they look like.
        let checked = query.dropLast(
            CommandLine.arguments.firstIndex(of: "--").map { CommandLine.arguments.count - $0 - 1 } ?? 0)
        if let option = checked.first(where: {
            $0.hasPrefix("--") && $0.dropFirst(2).allSatisfy { $0.isLetter || $0 == "-" } && $0.count > 2
        }) {
            throw ValidationError("unknown option \(option) (dashes are not searched: for the word, leave them out)")
        }
        guard !query.isEmpty else { throw ValidationError("nothing to search for") }
        _ = try dates()
    }

    /// `--since` as given; `--until` a date alone means the end of that day.
    func dates() throws -> (since: PublishedDate?, until: PublishedDate?) {
        do {
            return try SearchDates.parse(since: since, until: until, names: ("--since", "--until"))
        } catch {
            throw ValidationError(error.message)
        }
    }

    func run() throws {
        let (results, bytes) = try answer()
        if json {
            JSONOutput.write(bytes)
        } else {
            print(results)
        }
        if results.hits.isEmpty {
            if !json {
                Terminal.standardError.write(
                    results.total == 0
                        ? "no stories match\n" : "no hits past --offset \(offset) (\(results.total) in all)\n")
            }
            throw ExitStatus.partial
        }
    }

    /// The results and their JSON: the daemon's when it answers, else the index's read here.
    private func answer() throws -> (SearchResults, [UInt8]) {
        var items = [("q", query.joined(separator: " ")), ("limit", String(limit)), ("offset", String(offset))]
        if all { items.append(("all", "true")) }
        for (name, value) in [("source", source), ("since", since), ("until", until)] {
            if let value { items.append((name, value)) }
        }
        let target = "/v1/search?" + items.map { "\($0)=\(DaemonClient.encode($1))" }.joined(separator: "&")
        var client: DaemonClient?
        if let reply = daemon.ask(target, index: options.location, client: &client) {
            if reply.status == 200, let results = try? JSONDecoder().decode(SearchResults.self, from: Data(reply.body))
            {
                return (results, reply.body)
            }
            if reply.status == 400, errorCode(reply) == "invalid_query" { throw fail(errorMessage(reply)) }
        }
        let store = try options.open(.readOnly)
        let (since, until) = try dates()
        let request = SearchRequest(
            query: query.joined(separator: " "), limit: limit, offset: offset, source: source, since: since,
            until: until, foldsDuplicates: !all)
        let results: SearchResults
        do {
            results = try store.search(request)
        } catch {
            throw fail(error.message)
        }
        return (results, try JSONBody.encode(results))
    }

    /// 12000 -> "12,000".
    static func grouped(_ number: Int) -> String {
        var digits = String(number)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return digits
    }

    private func print(_ results: SearchResults) {
        let style = Style.standardOutput
        var lines: [String] = []
        for (number, hit) in results.hits.enumerated() {
            let snippet = MatchMarks.renderBold(hit.snippet) { style.bold($0) }
            lines.append("\(String(offset + number + 1).leftPadded(3)). \(style.bold(hit.title))")
            lines.append(
                "     "
                    + style.dim([hit.source ?? "unknown source", hit.published.day, hit.id].joined(separator: " · ")))
            // A flash's snippet is its title again: not worth a second line.
            if !snippet.isEmpty && MatchMarks.renderBold(hit.snippet, { String($0) }) != hit.title {
                lines.append("     " + snippet)
            }
            if !hit.duplicates.isEmpty {
                let shown = hit.duplicates.prefix(3).map {
                    "\($0.source ?? $0.id) \($0.published.day) (\(decimal($0.similarity)))"
                }
                let more = hit.duplicates.count > 3 ? ", +\(hit.duplicates.count - 3) more" : ""
                let noun = hit.duplicates.count == 1 ? "republication" : "republications"
                lines.append("     +\(hit.duplicates.count) \(noun): " + shown.joined(separator: ", ") + more)
            }
            lines.append("")
        }
        if !results.hits.isEmpty {
            let last = offset + results.hits.count
            let noun = all ? "stories" : "stories (republications folded)"
            let total = results.totalIsEstimate ? "about \(Self.grouped(results.total))" : String(results.total)
            var footer = "\(offset + 1)–\(last) of \(total) \(noun)"
            if last < results.total { footer += "; --offset \(last) for more" }
            lines.append(style.dim(footer))
        }
        if !lines.isEmpty { Terminal.standardOutput.write(lines.joined(separator: "\n") + "\n") }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

}
