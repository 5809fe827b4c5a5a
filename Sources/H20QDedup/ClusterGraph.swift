/// Clusters from same-story pairs, with compilations kept from gluing what they contain.
///
/// A pair is the same story by Jaccard (republished, reworded) or by containment alone (a
/// brief inside its writethrough, a story inside a digest); the longer story of a
/// containment-only pair is its container. A container is a **compilation** when two of the
/// stories it contains are not the same story as each other, directly or through pairs that
/// do not pass through it. Clusters are the connected components of the pairs, except the
/// containment pairs whose container is a compilation: a compilation joins by Jaccard (the
/// same digest republished) and by containment of the one story that covers at least half
/// of its own shingles, if there is one (the article of a scraped page with a short list of
/// related stories).
///
///     page P = article A + related R1, R2 (R1 ~ R2) + R3;  pairs A⊂P, R1⊂P, R2⊂P, R3⊂P, R1~R2
///     -> P is a compilation; clusters {P, A} (A covers most of P), {R1, R2}, {R3}
///
/// "Through pairs that do not pass through it" counts only the pairs that join clusters, so
/// that two digests holding the same two stories do not vouch for each other: the
/// compilations are the largest set consistent with the rule, found by starting from every
/// container of two stories or more and dropping those whose stories are the same story all
/// the same, until none is dropped (dropping one only adds pairs, so this ends, in one answer
/// whatever the order of the stories). The answer depends only on the pairs and the sizes.
package struct ClusterGraph {
    /// Two stories that are the same story, sharing `shared` shingles.
    package struct Pair: Sendable, Hashable {
        package var a: Int64
        package var b: Int64
        package var shared: Int

        package init(_ a: Int64, _ b: Int64, shared: Int) {
            self.a = a
            self.b = b
            self.shared = shared
        }
    }

    /// Clusters (each sorted, the list sorted by first member; stories alone included), the
    /// compilations, and what each compilation contains.
    package struct Solution: Sendable, Equatable {
        package var clusters: [[Int64]]
        package var compilations: Set<Int64>
        package var contents: [Int64: [Int64]]
    }

    private struct Edge {
        var a: Int
        var b: Int
        /// Index of the container of a containment-only pair; nil for a Jaccard pair.
        var container: Int?
        /// Share of the container's own shingles the contained story covers.
        var coverage: Double
    }

    private let ids: [Int64]
    private let edges: [Edge]
    /// For each container, the edges to the stories it contains.
    private let contained: [Int: [Int]]

    /// - Parameters:
    ///   - sizes: every story's shingle count (stories without pairs stand alone).
    ///   - pairs: same-story pairs among them; pairs the rule does not call same are ignored.
    package init(rule: DuplicateRule, sizes: [Int64: Int], pairs: [Pair]) {
        let ids = sizes.keys.sorted()
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        var edges: [Edge] = []
        var contained: [Int: [Int]] = [:]
        for pair in pairs {
            guard let a = index[pair.a], let b = index[pair.b], a != b else { continue }
            let sizeA = sizes[pair.a]!
            let sizeB = sizes[pair.b]!
            let similarity = rule.similarity(shared: pair.shared, sizeA, sizeB)
            guard similarity.isSameStory else { continue }
            var edge = Edge(a: a, b: b, container: nil, coverage: 0)
            if similarity.jaccard < rule.jaccard && sizeA != sizeB {
                let container = sizeA > sizeB ? a : b
                edge.container = container
                edge.coverage = Double(pair.shared) / Double(max(sizeA, sizeB))
                contained[container, default: []].append(edges.count)
            }
            edges.append(edge)
        }
        self.ids = ids
        self.edges = edges
        self.contained = contained
    }

    package func solve() -> Solution {
        // Every container of two stories or more is a compilation until shown otherwise: one
        // whose stories are the same story without it, through the pairs that join while the
        // others are compilations, is not. Each one dropped only adds pairs, so this ends.
        var compilations = Set(contained.keys.filter { contained[$0]!.count >= 2 })
        while true {
            let joining = joiningEdges(compilations)
            let dropped = compilations.filter { container in
                var components = UnionFind(count: ids.count)
                for edge in joining where edge.a != container && edge.b != container {
                    components.union(edge.a, edge.b)
                }
                let kinds = Set(contained[container]!.map { components.find(other(edges[$0], container)) })
                return kinds.count < 2
            }
            if dropped.isEmpty { break }
            compilations.subtract(dropped)
        }
        var components = UnionFind(count: ids.count)
        for edge in joiningEdges(compilations) { components.union(edge.a, edge.b) }
        var groups: [Int: [Int64]] = [:]
        for index in ids.indices { groups[components.find(index), default: []].append(ids[index]) }
        var contents: [Int64: [Int64]] = [:]
        for container in compilations {
            contents[ids[container]] = contained[container]!.map { ids[other(edges[$0], container)] }.sorted()
        }
        return Solution(
            clusters: groups.values.map { $0.sorted() }.sorted { $0[0] < $1[0] },
            compilations: Set(compilations.map { ids[$0] }),
            contents: contents)
    }

    /// The pairs that join clusters while `compilations` are compilations: all but the
    /// containment pairs of a compilation, save the one story covering half of it or more.
    private func joiningEdges(_ compilations: Set<Int>) -> [Edge] {
        var article: [Int: Int] = [:]  // compilation -> edge of the story covering most of it
        for container in compilations {
            let best = contained[container]!.max {
                edges[$0].coverage < edges[$1].coverage || (edges[$0].coverage == edges[$1].coverage && $0 > $1)
            }!
            if edges[best].coverage >= 0.5 { article[container] = best }
        }
        return edges.indices.compactMap { index in
            let edge = edges[index]
            guard let container = edge.container, compilations.contains(container) else { return edge }
            return article[container] == index ? edge : nil
        }
    }

    private func other(_ edge: Edge, _ node: Int) -> Int { edge.a == node ? edge.b : edge.a }
}
