import H20QInput
import H20QSearch

/// Cluster members as aligned lines: marker, similarity, date, source, id, title.
enum ClusterTable {
    static func rows(_ cluster: ClusterReport.Cluster, marking shown: String? = nil) -> [String] {
        let sourceWidth = min(24, cluster.members.map { ($0.source ?? "-").count }.max() ?? 0)
        let idWidth = cluster.members.map(\.id.count).max() ?? 0
        return cluster.members.map { member in
            let marker =
                shown.map(member.id.isSameID) == true ? ">" : (member.id.isSameID(cluster.canonical) ? "*" : " ")
            let source = (member.source ?? "-").padded(sourceWidth, truncating: true)
            return
                "  \(marker) \(decimal(member.similarity))  \(member.published.day.padded(10))  \(source)  \(member.id.padded(idWidth))  \(member.title)"
        }
    }
}

extension String {
    /// The text filled with spaces to `width`; longer text is kept whole unless `truncating`.
    func padded(_ width: Int, truncating: Bool = false) -> String {
        if count >= width { return truncating ? String(prefix(width)) : self }
        return self + String(repeating: " ", count: width - count)
    }
}
