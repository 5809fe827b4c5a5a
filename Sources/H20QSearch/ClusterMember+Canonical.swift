import H20QInput
import H20QStore

extension ClusterMember {
    /// The canonical member: earliest published (undated last), then the longest story,
    /// then the smallest id, so that any order of ingest picks the same one.
    static func canonical(of members: [ClusterMember]) -> ClusterMember? {
        members.min { a, b in
            switch (a.published, b.published) {
            case (let x?, let y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default:
                if a.shingleCount != b.shingleCount { return a.shingleCount > b.shingleCount }
                return a.id.sortsBeforeID(b.id)
            }
        }
    }
}
