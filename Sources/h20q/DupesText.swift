import Foundation
import H20QInput
import H20QSearch

/// `h20q dupes` as text: each cluster under its canonical title, one line per member (marker,
/// similarity, date, source, id, what differs from the canonical story); the counts by
/// source; the explanation of a pair.
struct DupesText {
    let style: Style

    /// A cluster and a blank line.
    ///
    ///     cluster 6 · 7 members · Vestmark tightens licence rules for AI chip exports
    ///       * 1.00  2025-08-13  Harbor Wire      hw-20250813-0901            canonical
    ///         0.91  2025-08-13  Northern Ledger  nl-2025-08-13-chip-licence  headline changed; +1 paragraph at the end
    func cluster(_ cluster: ClusterReport.Cluster) -> String {
        let title = cluster.members.first?.title ?? ""
        var lines = [style.bold("cluster \(cluster.id) · \(cluster.members.count) members · \(title)")]
        let sourceWidth = min(24, cluster.members.map { ($0.source ?? "-").count }.max() ?? 0)
        let idWidth = min(48, cluster.members.map(\.id.count).max() ?? 0)
        for member in cluster.members {
            let marker = member.id.isSameID(cluster.canonical) ? "*" : " "
            let source = (member.source ?? "-").padded(sourceWidth, truncating: true)
            lines.append(
                "  \(marker) \(decimal(member.similarity))  \(member.published.day.padded(10))  \(source)  \(member.id.padded(idWidth))  \(member.differences.line())"
            )
        }
        return lines.joined(separator: "\n") + "\n\n"
    }

    func total(clusters: [ClusterReport.Cluster]) -> String {
        total(clusters: clusters.count, members: clusters.reduce(0) { $0 + $1.members.count })
    }

    func total(clusters: Int, members: Int) -> String {
        style.dim("\(clusters) clusters, \(members) members") + "\n"
    }

    /// A table: source, stories, first published there, republications, and of whose.
    func sources(_ report: SourceReport) -> String {
        let names = report.sources.map { $0.source ?? "(no source)" }
        let width = min(32, max(6, names.map(\.count).max() ?? 0))
        var lines = [
            style.bold("\("source".padded(width))  stories  first  republications  republications of")
        ]
        for (source, name) in zip(report.sources, names) {
            let of = source.republicationsOf.map { "\($0.source ?? "(no source)") \($0.count)" }
                .joined(separator: ", ")
            lines.append(
                "\(name.padded(width, truncating: true))  \(String(source.stories).leftPadded(7))  \(String(source.firstPublished).leftPadded(5))  \(String(source.republications).leftPadded(14))  \(of)"
                    .trimmingCharacters(in: .whitespaces)
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func explanation(_ e: PairExplanation) -> String {
        var lines: [String] = []
        for side in [e.first, e.second] {
            lines.append(style.bold(side.id) + "  " + side.title)
            lines.append(
                "  \(side.shingles) shingles, \(side.sampledShingles) in the containment sample"
                    + (side.compilation ? ", a compilation" : ""))
        }
        lines.append("shared shingles  \(e.sharedShingles)")
        lines.append("MinHash estimate \(e.minHashEstimate)")
        lines.append("Jaccard          \(e.jaccard)")
        lines.append("containment      \(e.containment)")
        for path in e.paths {
            lines.append("\(path.name == "lsh" ? "LSH path        " : "containment path") \(path.detail)")
        }
        lines.append(style.bold("verdict") + "          \(e.reason)")
        lines.append("index            \(e.note)")
        if !e.chain.isEmpty { lines.append("chain            \(e.chain.joined(separator: " -> "))") }
        return lines.joined(separator: "\n") + "\n"
    }
}
