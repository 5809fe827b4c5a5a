/// A cluster as the HTML page opens it: the canonical story's words once, and each member's
/// word diff against them as runs: `[0, n]` n words kept, `[-1, n]` n words deleted (both
/// counted in the canonical words), `[1, "words"]` words inserted (a line break where a
/// paragraph starts).
///
///     canonical "a b c", member "a x c" -> body [[0, 1], [-1, 1], [1, "x"], [0, 1]]
struct ClusterDetail: Encodable {
    var id: Int64
    var canonical: String
    var title: [String]
    var words: [String]
    /// Index of the first word of each paragraph of the canonical body.
    var paragraphs: [Int]
    var members: [Member]

    struct Member: Encodable {
        var member: ClusterReport.Member
        /// Nil for sightings of the canonical story.
        var title: [Run]?
        var body: [Run]?
    }

    /// A run of the diff.
    enum Run: Encodable {
        case kept(Int)
        case deleted(Int)
        case inserted(String)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            switch self {
            case .kept(let count):
                try container.encode(0)
                try container.encode(count)
            case .deleted(let count):
                try container.encode(-1)
                try container.encode(count)
            case .inserted(let text):
                try container.encode(1)
                try container.encode(text)
            }
        }
    }

    init(_ cluster: ReportCluster) {
        let canonicalTitle = DiffText(cluster.canonicalTitle)
        let canonicalBody = DiffText(cluster.canonicalBody)
        id = cluster.cluster.id
        canonical = cluster.cluster.canonical
        title = canonicalTitle.words
        words = canonicalBody.words
        paragraphs = canonicalBody.paragraphs.indices.filter {
            $0 == 0 || canonicalBody.paragraphs[$0 - 1] != canonicalBody.paragraphs[$0]
        }
        members = zip(cluster.cluster.members, cluster.comparisons).map { member, comparison in
            guard let comparison else { return Member(member: member, title: nil, body: nil) }
            return Member(
                member: member, title: Self.runs(comparison.titleRuns, comparison.memberTitle),
                body: Self.runs(comparison.bodyRuns, comparison.memberBody))
        }
    }

    private static func runs(_ runs: [WordDiff.Run], _ member: DiffText) -> [Run] {
        var position = 0
        return runs.map { run in
            switch run.kind {
            case .equal:
                position += run.count
                return .kept(run.count)
            case .delete:
                return .deleted(run.count)
            case .insert:
                var text = ""
                for index in position..<(position + run.count) {
                    if index > position {
                        text += index > 0 && member.paragraphs[index - 1] != member.paragraphs[index] ? "\n" : " "
                    } else if index > 0 && member.paragraphs[index - 1] != member.paragraphs[index] {
                        text += "\n"
                    }
                    text += member.words[index]
                }
                position += run.count
                return .inserted(text)
            }
        }
    }
}
