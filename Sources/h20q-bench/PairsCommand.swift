import ArgumentParser
import Foundation
import H20QDedup
import H20QInput
import H20QSearch
import H20QStore

/// Compares an index's clusters with an exact all-pairs computation over the same input:
/// recall of the pairs the rule must find, and the share of reported pairs that are not
/// alike at all.
struct PairsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pairs",
        abstract: "Check an index's clusters against exact all-pairs similarity of its input.",
        discussion: """
            Must-find pairs: exact 5-shingle Jaccard >= --must-find, or containment >= --must-find \
            with both stories >= 40 shingles. A must-find pair is found when both stories are in \
            one cluster. Reported pairs: every pair of stories in one cluster; a reported pair is \
            unlike when its exact Jaccard < 0.5 and containment < 0.6. Exits 1 when recall is \
            under --min-recall or the unlike share over --max-unlike.
            """)

    @Option(help: "Index built from the input.")
    var index: String

    @Option(help: "Threshold of the must-find pairs.")
    var mustFind = 0.85

    @Option(help: "Least acceptable recall.")
    var minRecall = 0.95

    @Option(help: "Most acceptable share of unlike reported pairs.")
    var maxUnlike = 0.03

    @Option(help: "Print up to this many missed and unlike pairs.")
    var show = 10

    @Option(help: "Least acceptable share of must-find pairs an exact simulation of the compilation rule keeps.")
    var minRuleKeeps = 0.98

    @Option(
        help: """
            Ids of made-up digests start with this: among the other (ordinary) stories, pair precision is             checked against the exact clusters of the ordinary stories alone.
            """)
    var digestsPrefix: String?

    @Option(help: "Least acceptable pair precision among the ordinary stories (with --digests-prefix).")
    var minPrecision = 0.99

    @Argument(help: "The input the index was built from.")
    var paths: [String]

    func run() throws {
        let store = try StoryStore.open(IndexLocation(folder: index), mode: .readOnly)
        let fingerprinter = Fingerprinter(parameters: store.parameters)
        let shingler = Shingler(size: store.parameters.shingleSize)

        // Exact shingle sets of every story (64-bit hashes, no truncation), by id.
        var ids: [String] = []
        var sets: [[UInt64]] = []
        var position: [String: Int] = [:]
        for file in InputFiles.expand(paths, format: nil).files {
            file.read { event, _ in
                guard case .story(let story) = event else { return }
                let words = fingerprinter.wordHashes(title: story.title, body: story.body)
                guard !words.isEmpty else { return }
                if let existing = position[story.id] {
                    sets[existing] = shingler.shingles(ofWords: words)  // a later copy replaces the id
                    return
                }
                position[story.id] = ids.count
                ids.append(story.id)
                sets.append(shingler.shingles(ofWords: words))
            }
        }

        // Clusters: every id's cluster, or nil when it stands alone.
        var clusterOf = [Int?](repeating: nil, count: ids.count)
        var reported: [(Int, Int)] = []
        for cluster in try store.clusters().clusters {
            let members = cluster.members.compactMap { position[$0.id] }
            for (i, a) in members.enumerated() {
                clusterOf[a] = Int(cluster.id)
                for b in members[(i + 1)...] { reported.append((a, b)) }
            }
        }

        // Exact overlaps of every pair sharing a shingle, through an inverted index.
        var postings: [UInt64: [Int32]] = [:]
        for (story, set) in sets.enumerated() {
            for shingle in set { postings[shingle, default: []].append(Int32(story)) }
        }
        var mustFind: [(Int, Int, Double, Double)] = []
        var samePairs: [ClusterGraph.Pair] = []
        let rule = store.parameters.rule
        var shared = [Int32: Int]()
        for (story, set) in sets.enumerated() {
            shared.removeAll(keepingCapacity: true)
            for shingle in set {
                for other in postings[shingle]! where other < story { shared[other, default: 0] += 1 }
            }
            for (other, count) in shared {
                let (jaccard, containment, longEnough) = Self.similarity(
                    count, sets[story].count, sets[Int(other)].count)
                if jaccard >= self.mustFind || (longEnough && containment >= self.mustFind) {
                    mustFind.append((Int(other), story, jaccard, containment))
                }
                if rule.similarity(shared: count, sets[story].count, sets[Int(other)].count).isSameStory {
                    samePairs.append(ClusterGraph.Pair(Int64(other), Int64(story), shared: count))
                }
            }
        }

        let found = mustFind.filter { pair in clusterOf[pair.0] != nil && clusterOf[pair.0] == clusterOf[pair.1] }
        let missed = mustFind.filter { pair in clusterOf[pair.0] == nil || clusterOf[pair.0] != clusterOf[pair.1] }
        let unlike = reported.compactMap { a, b -> (Int, Int, Double, Double)? in
            let count = Self.overlap(sets[a], sets[b])
            let (jaccard, containment, _) = Self.similarity(count, sets[a].count, sets[b].count)
            return jaccard < 0.5 && containment < 0.6 ? (a, b, jaccard, containment) : nil
        }
        let recall = mustFind.isEmpty ? 1 : Double(found.count) / Double(mustFind.count)
        let unlikeShare = reported.isEmpty ? 0 : Double(unlike.count) / Double(reported.count)
        let jaccardPairs = mustFind.filter { $0.2 >= self.mustFind }
        let containmentOnly = mustFind.filter { $0.2 < self.mustFind }

        print("stories               \(ids.count)")
        print(
            "must-find pairs       \(mustFind.count) (Jaccard >= \(self.mustFind): \(jaccardPairs.count), containment only: \(containmentOnly.count))"
        )
        print(
            String(
                format:
                    "recall                %.4f (%d found, %d missed; Jaccard pairs %.4f, containment-only pairs %.4f)",
                recall, found.count, missed.count, Self.recall(jaccardPairs, clusterOf),
                Self.recall(containmentOnly, clusterOf)))
        print("reported pairs        \(reported.count)")
        print(
            String(
                format: "unlike reported pairs %.4f (%d with Jaccard < 0.5 and containment < 0.6)", unlikeShare,
                unlike.count))
        for (a, b, jaccard, containment) in missed.prefix(show) {
            print(
                String(
                    format: "  missed  %@ ~ %@  Jaccard %.3f  containment %.3f  shingles %d/%d",
                    ids[a], ids[b], jaccard, containment, sets[a].count, sets[b].count))
        }
        for (a, b, jaccard, containment) in unlike.prefix(show) {
            print(
                String(
                    format: "  unlike  %@ ~ %@  Jaccard %.3f  containment %.3f  shingles %d/%d",
                    ids[a], ids[b], jaccard, containment, sets[a].count, sets[b].count))
        }
        // The compilation rule, simulated exactly on the exact pairs.
        let sizes = Dictionary(uniqueKeysWithValues: sets.indices.map { (Int64($0), sets[$0].count) })
        let exact = ClusterGraph(rule: rule, sizes: sizes, pairs: samePairs).solve()
        var exactCluster = [Int](repeating: 0, count: ids.count)
        for (number, cluster) in exact.clusters.enumerated() {
            for story in cluster { exactCluster[Int(story)] = number }
        }
        let containers = Set(
            samePairs.compactMap { pair -> Int64? in
                let (a, b) = (sets[Int(pair.a)].count, sets[Int(pair.b)].count)
                let similarity = rule.similarity(shared: pair.shared, a, b)
                guard similarity.jaccard < rule.jaccard, a != b else { return nil }
                return a > b ? pair.a : pair.b
            })
        let kept = mustFind.filter { exactCluster[$0.0] == exactCluster[$0.1] }.count
        let ruleKeeps = mustFind.isEmpty ? 1 : Double(kept) / Double(mustFind.count)
        print("containers            \(containers.count), of which compilations \(exact.compilations.count)")
        print(
            String(
                format: "rule keeps            %.4f of the must-find pairs (%d of %d, exact simulation)", ruleKeeps,
                kept, mustFind.count))
        var pass = recall >= minRecall && unlikeShare <= maxUnlike && ruleKeeps >= minRuleKeeps
        if let digestsPrefix {
            // Truth: the exact clusters of the ordinary stories alone.
            let ordinary = ids.indices.filter { !ids[$0].hasPrefix(digestsPrefix) }
            let ordinarySet = Set(ordinary.map { Int64($0) })
            let truth = ClusterGraph(
                rule: rule, sizes: sizes.filter { ordinarySet.contains($0.key) },
                pairs: samePairs.filter { ordinarySet.contains($0.a) && ordinarySet.contains($0.b) }
            ).solve()
            var truthCluster = [Int](repeating: 0, count: ids.count)
            for (number, cluster) in truth.clusters.enumerated() {
                for story in cluster { truthCluster[Int(story)] = number }
            }
            let isOrdinary = { (story: Int) in ordinarySet.contains(Int64(story)) }
            let reportedOrdinary = reported.filter { isOrdinary($0.0) && isOrdinary($0.1) }
            let correct = reportedOrdinary.filter { truthCluster[$0.0] == truthCluster[$0.1] }.count
            let precision = reportedOrdinary.isEmpty ? 1 : Double(correct) / Double(reportedOrdinary.count)
            let ordinaryMustFind = mustFind.filter { isOrdinary($0.0) && isOrdinary($0.1) }
            let ordinaryFound = ordinaryMustFind.filter { clusterOf[$0.0] != nil && clusterOf[$0.0] == clusterOf[$0.1] }
            let ordinaryRecall =
                ordinaryMustFind.isEmpty ? 1 : Double(ordinaryFound.count) / Double(ordinaryMustFind.count)
            let digests = ids.count - ordinary.count
            let digestsCompiled = exact.compilations.filter { !isOrdinary(Int($0)) }.count
            print("digests               \(digests), of which compilations \(digestsCompiled) (exact rule)")
            print(
                String(
                    format: "ordinary precision    %.4f (%d of %d reported pairs)", precision, correct,
                    reportedOrdinary.count))
            print(
                String(
                    format: "ordinary recall       %.4f (%d of %d must-find pairs)", ordinaryRecall,
                    ordinaryFound.count, ordinaryMustFind.count))
            // Pairs of a story and a digest holding it are given up by design: the check is
            // among the ordinary stories.
            pass = unlikeShare <= maxUnlike && precision >= minPrecision && ordinaryRecall >= minRecall
        }
        print(
            pass
                ? "PASS"
                : String(
                    format: "FAIL (need recall >= %.2f, unlike share <= %.2f, rule keeps >= %.2f%@)", minRecall,
                    maxUnlike, minRuleKeeps,
                    digestsPrefix == nil ? "" : String(format: ", precision >= %.2f", minPrecision)))
        if !pass { throw ExitCode(1) }
    }

    static func similarity(_ shared: Int, _ a: Int, _ b: Int) -> (Double, Double, Bool) {
        let union = a + b - shared
        let smaller = min(a, b)
        return (
            union == 0 ? 1 : Double(shared) / Double(union), smaller == 0 ? 0 : Double(shared) / Double(smaller),
            smaller >= DuplicateRule.standard.containmentMinShingles
        )
    }

    static func overlap(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0
        var j = 0
        var count = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                count += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return count
    }

    static func recall(_ pairs: [(Int, Int, Double, Double)], _ clusterOf: [Int?]) -> Double {
        guard !pairs.isEmpty else { return 1 }
        return Double(pairs.filter { clusterOf[$0.0] != nil && clusterOf[$0.0] == clusterOf[$0.1] }.count)
            / Double(pairs.count)
    }
}
