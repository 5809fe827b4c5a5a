import ArgumentParser
import Foundation
import H20QSearch
import H20QServer
import H20QStore

struct DupesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dupes",
        abstract: "List duplicate clusters, largest first.",
        discussion: """
            A cluster's members are its sightings: republications (near-duplicates) and exact \
            copies. The canonical member, marked *, is the earliest published (ties: the longest); \
            similarity is to it.
            """)

    @OptionGroup var options: IndexOptions

    @OptionGroup var daemon: DaemonOptions

    @Flag(help: "Print JSON: {clusters: [{id, canonical, members: [{id, title, source, published, similarity}]}]}.")
    var json = false

    @Option(parsing: .unconditional, help: "Only clusters with at least this many members (2 or more).")
    var minSize = 2

    func validate() throws {
        guard minSize >= 2 else { throw ValidationError("--min-size must be at least 2 (got \(minSize))") }
    }

    func run() throws {
        let report = try answer()
        if json {
            try JSONOutput.print(report)
            return
        }
        let style = Style.standardOutput
        var lines: [String] = []
        for cluster in report.clusters {
            lines.append(
                style.bold("cluster \(cluster.id) · \(cluster.members.count) members · canonical \(cluster.canonical)"))
            lines += ClusterTable.rows(cluster)
            lines.append("")
        }
        let members = report.clusters.reduce(0) { $0 + $1.members.count }
        lines.append(style.dim("\(report.clusters.count) clusters, \(members) members"))
        Terminal.standardOutput.write(lines.joined(separator: "\n") + "\n")
    }

    /// The clusters: from the daemon, a page of 1,000 at a time, when it answers; else read here.
    private func answer() throws -> ClusterReport {
        if let report = fromDaemon() { return report }
        let store = try options.open(.readOnly)
        do {
            return try store.clusters(minimumSize: minSize)
        } catch {
            throw fail(error.message)
        }
    }

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
