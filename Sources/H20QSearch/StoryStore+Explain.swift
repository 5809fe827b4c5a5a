import H20QDedup
import H20QInput
import H20QStore

extension StoryStore {
    /// Why the sightings `first` and `second` are, or are not, the same story; nil when either
    /// id is not in the index.
    public func explain(_ first: String, _ second: String) throws(StoreError) -> PairExplanation? {
        let parameters = parameters
        let fingerprinter = Fingerprinter(parameters: parameters)
        return try reading("cannot explain \(first) and \(second)") { reader in
            guard let a = try reader.storyFacts(sighting: first), let b = try reader.storyFacts(sighting: second),
                let textA = try reader.storyText(a.story), let textB = try reader.storyText(b.story)
            else { return nil }
            let shingler = Shingler(size: parameters.shingleSize)
            let hashesA = shingler.shingleHashes(
                ofWords: fingerprinter.wordHashes(title: textA.title, body: textA.body))
            let hashesB = shingler.shingleHashes(
                ofWords: fingerprinter.wordHashes(title: textB.title, body: textB.body))
            let printA = fingerprinter.fingerprint(title: textA.title, body: textA.body)
            let printB = fingerprinter.fingerprint(title: textB.title, body: textB.body)
            let similarity = parameters.rule.compare(printA.shingles, printB.shingles)
            let minHasher = MinHasher(permutations: parameters.permutations, seed: parameters.minHashSeed)
            let signatureA = minHasher.signature(of: hashesA)
            let signatureB = minHasher.signature(of: hashesB)
            let agreeing = zip(signatureA, signatureB).filter { $0 == $1 }.count
            let paths = [
                Self.lshPath(printA, printB, parameters),
                Self.containmentPath(printA, printB, parameters),
            ]
            let stored = try reader.pair(a.story, b.story)
            let sameText = a.story == b.story
            let sameCluster = sameText || (a.cluster != nil && a.cluster == b.cluster)
            var chain: [String] = []
            if let cluster = a.cluster, !sameText, stored == nil, sameCluster {
                chain = try Self.chain(from: a.story, to: b.story, in: try reader.pairs(inCluster: cluster), reader)
            }
            return PairExplanation(
                first: PairExplanation.Side(
                    id: first, title: textA.title, shingles: printA.shingles.count,
                    sampledShingles: printA.sampleKeys.count, compilation: a.compilation),
                second: PairExplanation.Side(
                    id: second, title: textB.title, shingles: printB.shingles.count,
                    sampledShingles: printB.sampleKeys.count, compilation: b.compilation),
                sameText: sameText, sharedShingles: similarity.shared,
                minHashEstimate: ReportCluster.rounded(Double(agreeing) / Double(parameters.permutations)),
                jaccard: ReportCluster.rounded(similarity.jaccard),
                containment: ReportCluster.rounded(similarity.containment), paths: paths,
                sameStory: sameText || similarity.isSameStory,
                reason: sameText
                    ? "exact copies: one stored story" : Self.reason(similarity, printA, printB, parameters),
                storedPair: stored != nil,
                note: Self.note(stored: stored, a: a, b: b, sameCluster: sameCluster, chain: chain),
                sameCluster: sameCluster, chain: chain)
        }
    }

    private static func lshPath(
        _ a: StoryFingerprint, _ b: StoryFingerprint, _ parameters: DedupParameters
    ) -> PairExplanation.CandidatePath {
        let below = parameters.bandedBelow
        guard !a.bandKeys.isEmpty, !b.bandKeys.isEmpty else {
            let sizes = [a, b].map(\.shingles.count).filter { $0 >= below }.map(String.init)
            return PairExplanation.CandidatePath(
                name: "lsh", applies: false, finds: false,
                detail:
                    "not taken: only stories under \(below) shingles are banded (\(sizes.joined(separator: " and ")))")
        }
        let shared = zip(a.bandKeys, b.bandKeys).filter { $0 == $1 }.count
        return PairExplanation.CandidatePath(
            name: "lsh", applies: true, finds: shared > 0,
            detail: "\(shared) of \(parameters.bands) bands of \(parameters.rowsPerBand) rows shared"
                + (shared > 0 ? ": a candidate" : ": not a candidate"))
    }

    private static func containmentPath(
        _ a: StoryFingerprint, _ b: StoryFingerprint, _ parameters: DedupParameters
    ) -> PairExplanation.CandidatePath {
        let from = parameters.sampledFrom
        guard !a.sampleKeys.isEmpty || !b.sampleKeys.isEmpty,
            a.shingles.count >= from, b.shingles.count >= from
        else {
            return PairExplanation.CandidatePath(
                name: "containment", applies: false, finds: false,
                detail: "not taken: only stories of \(from)+ shingles post a mod-\(parameters.sampleModulus) sample")
        }
        let shared = Set(a.sampleKeys).intersection(b.sampleKeys).count
        let smaller = min(a.sampleKeys.count, b.sampleKeys.count)
        let needed = ContainmentPrefilter(
            threshold: parameters.rule.containment, missRate: parameters.prefilterMissRate
        ).minimumShared(samples: smaller)
        return PairExplanation.CandidatePath(
            name: "containment", applies: true, finds: shared >= needed,
            detail: "\(shared) sampled shingles shared (the smaller sample holds \(smaller); \(needed) needed)"
                + (shared >= needed ? ": a candidate" : ": not a candidate"))
    }

    private static func reason(
        _ similarity: Similarity, _ a: StoryFingerprint, _ b: StoryFingerprint, _ parameters: DedupParameters
    ) -> String {
        let rule = parameters.rule
        let jaccard = decimal(similarity.jaccard)
        let containment = decimal(similarity.containment)
        if similarity.jaccard >= rule.jaccard { return "same story: Jaccard \(jaccard) >= \(rule.jaccard)" }
        if similarity.containmentApplies && similarity.containment >= rule.containment {
            return
                "same story: containment \(containment) >= \(rule.containment), both \(rule.containmentMinShingles)+ shingles"
        }
        if similarity.containment >= rule.containment {
            return
                "different stories: Jaccard \(jaccard) < \(rule.jaccard); containment \(containment) does not count under \(rule.containmentMinShingles) shingles (\(min(a.shingles.count, b.shingles.count)))"
        }
        return
            "different stories: Jaccard \(jaccard) < \(rule.jaccard) and containment \(containment) < \(rule.containment)"
    }

    private static func note(
        stored: StoreReader.StoredPair?, a: StoreReader.StoryFacts, b: StoreReader.StoryFacts, sameCluster: Bool,
        chain: [String]
    ) -> String {
        if a.story == b.story { return "one story: the same cluster" }
        if let stored {
            if let container = stored.container, container == a.story ? a.compilation : b.compilation {
                return "a stored pair by containment, but its container is a compilation: the pair joins no clusters"
            }
            return sameCluster ? "a stored pair: the same cluster" : "a stored pair, in different clusters"
        }
        if sameCluster {
            return chain.isEmpty
                ? "not a pair, yet in one cluster"
                : "not a pair; in one cluster through \(chain.count - 2) other \(chain.count == 3 ? "story" : "stories")"
        }
        return "not a pair: different clusters"
    }

    /// The shortest chain of stored pairs from `start` to `goal`, by earliest sightings' ids;
    /// pairs a compilation holds by containment only when no other chain exists.
    private static func chain(
        from start: Int64, to goal: Int64, in pairs: [StoreReader.StoredPair], _ reader: StoreReader
    ) throws -> [String] {
        for allowContainers in [false, true] {
            var neighbours: [Int64: [Int64]] = [:]
            for pair in pairs where allowContainers || pair.container == nil {
                neighbours[pair.a, default: []].append(pair.b)
                neighbours[pair.b, default: []].append(pair.a)
            }
            var previous: [Int64: Int64] = [start: start]
            var queue = [start]
            var head = 0
            while head < queue.count, previous[goal] == nil {
                let story = queue[head]
                head += 1
                for next in neighbours[story, default: []] where previous[next] == nil {
                    previous[next] = story
                    queue.append(next)
                }
            }
            guard previous[goal] != nil else { continue }
            var path = [goal]
            while path.last != start { path.append(previous[path.last!]!) }
            return try path.reversed().map { try reader.firstSighting(ofStory: $0) ?? "story \($0)" }
        }
        return []
    }

    private static func decimal(_ value: Double) -> String {
        String(ReportCluster.rounded(value))
    }
}
