import ArgumentParser
import Foundation
import H20QSearch
import H20QServer
import H20QStore

struct DupesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dupes",
        abstract: "List duplicate clusters, largest first; who republished what, and why.",
        usage: """
            h20q dupes [--index <dir>] [--json | --csv | --html <file>] [--source <source>] [--since <date>]
                       [--until <date>] [--min-size <n>] [--sort size|recent] [--limit <n>]
            h20q dupes --explain <id1> <id2> [--json]
            h20q dupes --by-source [--json | --csv] [--source <source>] [--since <date>] [--until <date>]
            """,
        discussion: """
            A cluster's members are its sightings: republications (near-duplicates) and exact \
            copies. The canonical member, marked *, is the earliest published (ties: the longest); \
            similarity is to it, and each member says what differs from it. --source, --since and \
            --until pick the clusters with a sighting that passes them, listed whole. --explain \
            says why two stories are or are not the same story; --by-source counts, for each \
            source, its stories, those first published there and whose stories it republished.
            """)

    @OptionGroup var options: IndexOptions

    @OptionGroup var daemon: DaemonOptions

    @Flag(
        help:
            "Print JSON: {clusters: [{id, canonical, members: [{id, title, source, published, similarity, jaccard, containment, differences}]}]}."
    )
    var json = false

    @Flag(help: "Print CSV: a header, then one row per member.")
    var csv = false

    @Option(help: ArgumentHelp("Write a self-contained HTML report to this file.", valueName: "file"))
    var html: String?

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("Explain why two stories are or are not the same story.", valueName: "id1 id2"))
    var explain: [String] = []

    @Flag(help: "Count by source: stories, first published there, republications of whose.")
    var bySource = false

    @Option(help: "Only clusters with a sighting from this source (case-insensitive).")
    var source: String?

    @Option(help: ArgumentHelp("Only clusters with a sighting published on or after this date.", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only clusters with a sighting published on or before this date.", valueName: "date"))
    var until: String?

    @Option(parsing: .unconditional, help: "Only clusters with at least this many members (2 or more).")
    var minSize = 2

    @Option(help: "Order: size (largest first) or recent (latest sighting first).")
    var sort: DupesQuery.Order = .size

    @Option(parsing: .unconditional, help: "Clusters to list at most.")
    var limit: Int?

    func validate() throws {
        guard minSize >= 2 else { throw ValidationError("--min-size must be at least 2 (got \(minSize))") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 (got \(limit))") }
        if !explain.isEmpty && explain.count != 2 {
            throw ValidationError("--explain takes two story ids (got \(explain.count))")
        }
        if [json, csv, html != nil].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --json, --csv and --html")
        }
        if html?.isEmpty == true { throw ValidationError("--html needs a file name") }
        if !explain.isEmpty && (bySource || csv || html != nil) {
            throw ValidationError("--explain prints text or --json only")
        }
        if bySource && html != nil { throw ValidationError("--by-source prints text, --json or --csv") }
        _ = try query()
    }

    func query() throws -> DupesQuery {
        do {
            let (since, until) = try SearchDates.parse(since: since, until: until, names: ("--since", "--until"))
            return DupesQuery(
                source: source, since: since, until: until, minimumSize: minSize, order: sort, limit: limit)
        } catch {
            throw ValidationError(error.message)
        }
    }

    func run() throws {
        let query = try query()
        if explain.count == 2 { return try runExplain() }
        if bySource { return try runBySource(query) }
        if let html { return try runHTML(query, to: html) }
        if !csv, query == DupesQuery(minimumSize: minSize), let report = fromDaemon() {
            // The daemon answers the plain listing; filters, orders and limits are read here.
            if json { return try JSONOutput.print(report) }
            let text = DupesText(style: .standardOutput)
            for cluster in report.clusters { Terminal.standardOutput.write(text.cluster(cluster)) }
            Terminal.standardOutput.write(text.total(clusters: report.clusters))
            return
        }
        let store = try options.open(.readOnly)
        do {
            if json {
                var output = ReportJSON { JSONOutput.write($0) }
                try store.eachCluster(query) { try output.add($0.cluster) }
                try output.finish()
            } else if csv {
                Terminal.standardOutput.write(ReportCSV.header)
                try store.eachCluster(query) { Terminal.standardOutput.write(ReportCSV.rows($0.cluster)) }
            } else {
                let text = DupesText(style: .standardOutput)
                var clusters = 0
                var members = 0
                try store.eachCluster(query) {
                    Terminal.standardOutput.write(text.cluster($0.cluster))
                    clusters += 1
                    members += $0.cluster.members.count
                }
                Terminal.standardOutput.write(text.total(clusters: clusters, members: members))
            }
        } catch let error as StoreError {
            throw fail(error.message)
        }
    }

    private func runExplain() throws {
        let store = try options.open(.readOnly)
        let explanation: PairExplanation?
        do {
            explanation = try store.explain(explain[0], explain[1])
        } catch {
            throw fail(error.message)
        }
        guard let explanation else {
            let missing = try explain.first { id in try store.story(id: id) == nil } ?? explain[0]
            throw fail("no story with id \"\(missing)\"", status: ExitStatus.partial)
        }
        if json { return try JSONOutput.print(explanation) }
        Terminal.standardOutput.write(DupesText(style: .standardOutput).explanation(explanation))
    }

    private func runBySource(_ query: DupesQuery) throws {
        let store = try options.open(.readOnly)
        let report: SourceReport
        do {
            report = try store.sourceReport(query)
        } catch {
            throw fail(error.message)
        }
        if json { return try JSONOutput.print(report) }
        if csv { return Terminal.standardOutput.write(ReportCSV.sources(report)) }
        Terminal.standardOutput.write(DupesText(style: .standardOutput).sources(report))
    }

    private func runHTML(_ query: DupesQuery, to path: String) throws {
        let store = try options.open(.readOnly)
        guard let file = FileOutput(path: path) else { throw fail("cannot write \(path)") }
        do {
            var page = ReportHTML(title: "h20q duplicate report", write: file.write)
            page.begin()
            try store.eachCluster(query) { try page.add($0) }
            try page.finish(sources: try store.sourceReport(query), compilations: try store.compilations())
        } catch let error as StoreError {
            throw fail(error.message)
        }
        guard file.close() else { throw fail("cannot write \(path)") }
        Terminal.standardError.write("wrote \(path)\n")
    }

    /// The clusters: from the daemon, a page of 1,000 at a time, when it answers; else nil.
    private func fromDaemon() -> ClusterReport? {
        var client: DaemonClient?
        var clusters: [ClusterReport.Cluster] = []
        let page = QueryAPI.maximumLimit
        while true {
            let target = "/v1/clusters?min_size=\(minSize)&limit=\(page)&offset=\(clusters.count)"
            guard let reply = daemon.ask(target, index: options.location, client: &client), reply.status == 200,
                let report = try? JSONDecoder().decode(ClusterReport.self, from: Data(reply.body))
            else { return nil }
            clusters += report.clusters
            if report.clusters.count < page { return ClusterReport(page: clusters) }
        }
    }
}

extension DupesQuery.Order: ExpressibleByArgument {}
