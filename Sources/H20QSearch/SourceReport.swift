import H20QInput

/// Who publishes first and who republishes whom (`h20q dupes --by-source`): for each source,
/// its sightings, how many were first published there, and how many are republications, by
/// the source of the canonical story they copy.
///
///     Northern Ledger: stories 3, firstPublished 1, republications 2 (Harbor Wire 2)
public struct SourceReport: Sendable, Codable, Equatable {
    /// Most sightings first.
    public var sources: [Source]

    public struct Source: Sendable, Codable, Equatable {
        /// Null for sightings without a source.
        @Nullable public var source: String?
        /// Sightings from the source.
        public var stories: Int
        /// Sightings that are their cluster's canonical member, or stand alone.
        public var firstPublished: Int
        /// Sightings that are another member of a cluster: a republication or exact copy.
        public var republications: Int
        /// Republications by the canonical member's source, most first.
        public var republicationsOf: [Count]
    }

    public struct Count: Sendable, Codable, Equatable {
        @Nullable public var source: String?
        public var count: Int
    }
}

extension SourceReport {
    /// Tallies sightings as they come: `lone` for stories standing alone, `cluster` for a
    /// whole cluster's members.
    struct Tally {
        private var sources: [String?: (stories: Int, first: Int, of: [String?: Int])] = [:]

        mutating func lone(_ source: String?, count: Int) {
            sources[source, default: (0, 0, [:])].stories += count
            sources[source, default: (0, 0, [:])].first += count
        }

        /// One sighting of a cluster whose canonical member came from `canonicalSource`.
        mutating func member(_ source: String?, isCanonical: Bool, canonicalSource: String?) {
            sources[source, default: (0, 0, [:])].stories += 1
            if isCanonical {
                sources[source, default: (0, 0, [:])].first += 1
            } else {
                sources[source, default: (0, 0, [:])].of[canonicalSource, default: 0] += 1
            }
        }

        var report: SourceReport {
            let listed = sources.map { source, tally in
                Source(
                    source: source, stories: tally.stories, firstPublished: tally.first,
                    republications: tally.of.values.reduce(0, +),
                    republicationsOf: tally.of.map { Count(source: $0.key, count: $0.value) }.sorted {
                        ($0.count, $1.source.sortKey) > ($1.count, $0.source.sortKey)
                    })
            }
            return SourceReport(
                sources: listed.sorted { ($0.stories, $1.source.sortKey) > ($1.stories, $0.source.sortKey) })
        }
    }
}

extension String? {
    /// Sources in order, no source last.
    fileprivate var sortKey: String { self.map { "0" + $0 } ?? "1" }
}
