import GRDB

/// Finds the stored stories that are the same story as a new one, through two candidate paths
/// kept in the index, and checks each candidate exactly against the rule.
///
///     short story (< 50 shingles) --MinHash LSH keys--> band runs    --+
///                                                                     +--> exact check --> matches
///     long story (>= 40 shingles) --mod-m sample-----> sample runs  --+
struct DuplicateMatcher {
    let parameters: DedupParameters
    let prefilter: ContainmentPrefilter

    init(parameters: DedupParameters) {
        self.parameters = parameters
        self.prefilter = ContainmentPrefilter(
            threshold: parameters.rule.containment, missRate: parameters.prefilterMissRate)
    }

    /// The stories worth an exact check against `fingerprint`, from the postings of its keys,
    /// and its sampled shingles that are stock phrases (held by more than `sampleCap` stories:
    /// neither counted nor posted).
    func candidates(
        for fingerprint: StoryFingerprint, bands: PostingTable, samples: PostingTable
    ) -> (stories: Set<Int64>, capped: Set<Int64>) {
        let rule = parameters.rule
        let count = fingerprint.shingles.count
        var candidates = Set<Int64>()
        for key in fingerprint.bandKeys {
            bands.forEach(of: key) { posting in
                // A Jaccard match needs sizes within the threshold's ratio.
                if Double(min(count, posting.size)) >= rule.jaccard * Double(max(count, posting.size)) {
                    candidates.insert(posting.story)
                }
            }
        }
        var capped = Set<Int64>()
        var shared = [Int64: (count: Int, samples: Int)]()
        for hash in fingerprint.sampleKeys {
            if samples.count(of: hash) > parameters.sampleCap {
                capped.insert(hash)
            } else {
                samples.forEach(of: hash) { posting in shared[posting.story, default: (0, posting.size)].count += 1 }
            }
        }
        // Is the shared sample plausible for a contained story? The smaller sample stands for
        // the smaller story (conservatively: it gives the lower threshold); capped shingles
        // might have been shared.
        let ownSamples = fingerprint.sampleKeys.count
        for (story, evidence) in shared
        where evidence.count + capped.count >= prefilter.minimumShared(samples: min(ownSamples, evidence.samples)) {
            candidates.insert(story)
        }
        return (candidates, capped)
    }

    /// The candidates that are the same story as `fingerprint` by the rule, checked exactly
    /// on their shingles. `shingles` gives a candidate's shingles, nil if it no longer exists.
    func verify(
        _ fingerprint: StoryFingerprint, against candidates: Set<Int64>, shingles: (Int64) throws -> ShingleSet?
    ) rethrows -> [(story: Int64, similarity: Similarity)] {
        var matches: [(story: Int64, similarity: Similarity)] = []
        for candidate in candidates.sorted() {
            guard let stored = try shingles(candidate) else { continue }
            let similarity = parameters.rule.compare(fingerprint.shingles, stored)
            if similarity.isSameStory { matches.append((candidate, similarity)) }
        }
        return matches
    }

    /// Adds a new story's keys to the candidate tables, but for stock phrases and keys its
    /// cluster (`family`, the stories it matched) already holds many times.
    func post(
        _ fingerprint: StoryFingerprint, storyID: Int64, skipping capped: Set<Int64>, family: Set<Int64>,
        to batch: inout BatchSnapshot
    ) {
        func covered(_ key: Int64, in table: PostingTable) -> Bool {
            table.count(of: key) >= parameters.familyPostingLimit
                && table.contains(key) { family.contains($0.story) }
        }
        let shingles = Posting(story: storyID, size: fingerprint.shingles.count)
        for key in fingerprint.bandKeys where !covered(key, in: batch.bands) {
            batch.bands.add(key, shingles)
        }
        let samples = Posting(story: storyID, size: fingerprint.sampleKeys.count)
        for hash in fingerprint.sampleKeys where !capped.contains(hash) && !covered(hash, in: batch.samples) {
            batch.samples.add(hash, samples)
        }
        batch.addedShingles[storyID] = fingerprint.shingles
    }
}
