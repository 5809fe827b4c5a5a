import H20QDedup

/// The candidate keys of a cluster's members, each with the members that have it: where a
/// removed story's keys are handed over. Built once a batch for a cluster that loses a
/// story holding keys no other member posted, then kept up to date as members leave and
/// join, so that each removal costs its own keys, not a pass over the cluster.
struct FamilyKeys {
    private var bands: [Int64: [Posting]] = [:]
    private var samples: [Int64: [Posting]] = [:]

    /// Notes `story`'s keys.
    mutating func add(_ story: Int64, _ fingerprint: StoryFingerprint) {
        for key in Set(fingerprint.bandKeys) {
            bands[key, default: []].append(Posting(story: story, size: fingerprint.shingles.count))
        }
        for key in Set(fingerprint.sampleKeys) {
            samples[key, default: []].append(Posting(story: story, size: fingerprint.sampleKeys.count))
        }
    }

    /// Forgets `story`'s keys.
    mutating func remove(_ story: Int64, _ fingerprint: StoryFingerprint) {
        for key in Set(fingerprint.bandKeys) { bands[key]?.removeAll { $0.story == story } }
        for key in Set(fingerprint.sampleKeys) { samples[key]?.removeAll { $0.story == story } }
    }

    /// A member that has `key` (the one with the smallest id), if any.
    func holder(of key: Int64, _ kind: PostingTable.Kind) -> Posting? {
        let held: [Posting]?
        switch kind {
        case .bands: held = bands[key]
        case .samples: held = samples[key]
        case .texts: preconditionFailure("a family's keys are its candidate keys, not its texts")
        }
        return held?.min { $0.story < $1.story }
    }
}
