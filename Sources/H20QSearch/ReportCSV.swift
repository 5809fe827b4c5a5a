import Foundation

/// The duplicate report as CSV (RFC 4180: fields quoted when they hold a comma, a quote or a
/// line break, quotes doubled, lines ending CRLF; UTF-8): a header row, then one row per
/// cluster member.
///
///     ReportCSV.row(["a,b", "say \"hi\""]) -> "\"a,b\",\"say \"\"hi\"\"\"\r\n"
public enum ReportCSV {
    public static let header = row([
        "cluster", "canonical", "member", "title", "source", "published", "similarity", "jaccard", "containment",
        "words_added", "words_removed",
    ])

    /// The rows of `cluster`'s members, canonical member first.
    public static func rows(_ cluster: ClusterReport.Cluster) -> String {
        cluster.members.map { member in
            row([
                String(cluster.id), cluster.canonical, member.id, member.title, member.source ?? "",
                member.published ?? "", number(member.similarity), number(member.jaccard),
                number(member.containment), String(member.differences.wordsAdded),
                String(member.differences.wordsRemoved),
            ])
        }.joined()
    }

    /// One record.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A similarity as JSON writes it: `1`, `0.909`.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension ReportCSV {
    /// `dupes --by-source --csv`: a header, then one row per source; `republications_of` lists
    /// the sources copied, most first (`Harbor Wire: 3; Meridian Post: 1`).
    public static func sources(_ report: SourceReport) -> String {
        row(["source", "stories", "first_published", "republications", "republications_of"])
            + report.sources.map { source in
                row([
                    source.source ?? "", String(source.stories), String(source.firstPublished),
                    String(source.republications),
                    source.republicationsOf.map { "\($0.source ?? "(no source)"): \($0.count)" }
                        .joined(separator: "; "),
                ])
            }.joined()
    }
}
