/// Finds the stored stories that are the same story as a new one, through two candidate paths
/// kept in the index, and checks each candidate exactly against the rule.
///
///     short story (< 50 shingles) --MinHash LSH keys--> band runs    --+
///                                                                     +--> exact check --> matches
///     long story (>= 40 shingles) --mod-m sample-----> sample runs  --+
///                                     (stock phrases: the candidates' sample tags)
package struct DuplicateMatcher: Sendable {
    package let parameters: DedupParameters
    let prefilter: ContainmentPrefilter

    package init(parameters: DedupParameters) {
        self.parameters = parameters
        self.prefilter = ContainmentPrefilter(
            threshold: parameters.rule.containment, missRate: parameters.prefilterMissRate)
    }

    /// The candidates of a story, from the postings of its keys.
    package struct Candidates: Sendable {
        /// Stories worth an exact check.
        package var stories: [Int64]
        /// The story's sampled shingles that are stock phrases (held by more than `sampleCap`
        /// stories): neither counted nor posted.
        package var capped: Set<Int64>
        /// Stories that share too few of the counted samples to be worth a check unless they
        /// hold enough of the stock phrases too, with the number of shared samples they need
        /// (`settle`).
        package var undecided: [(story: Int64, minimum: Int)]
        /// The story's sampled shingles.
        package var sampleKeys: [Int64]
    }

    /// The stories worth an exact check against `fingerprint`, from the postings of its keys;
    /// those that would be only if they hold some of its stock phrases are left undecided.
    package func candidates(
        for fingerprint: StoryFingerprint, bands: PostingTable, samples: PostingTable
    ) -> Candidates {
        let rule = parameters.rule
        let count = fingerprint.shingles.count
        var candidates: [Int64] = []
        for key in fingerprint.bandKeys {
            bands.forEach(of: key) { posting in
                // A Jaccard match needs sizes within the threshold's ratio.
                if Double(min(count, posting.size)) >= rule.jaccard * Double(max(count, posting.size)) {
                    candidates.append(posting.story)
                }
            }
        }
        var capped = Set<Int64>()
        // Postings of the sampled shingles, one per shared shingle: a story's count is how many
        // sampled shingles it shares (a handful of stories at most, so sorted, not hashed).
        var shared: [Posting] = []
        for hash in fingerprint.sampleKeys {
            if samples.count(of: hash) > parameters.sampleCap {
                capped.insert(hash)
            } else {
                samples.forEach(of: hash) { shared.append($0) }
            }
        }
        shared.sort { $0.story < $1.story }
        // Is the shared sample plausible for a contained story? The smaller sample stands for
        // the smaller story (conservatively: it gives the lower threshold). A story short of it
        // may hold enough of the stock phrases.
        let ownSamples = fingerprint.sampleKeys.count
        var undecided: [(story: Int64, minimum: Int)] = []
        var start = 0
        while start < shared.count {
            var end = start + 1
            while end < shared.count && shared[end].story == shared[start].story { end += 1 }
            let minimum = prefilter.minimumShared(samples: min(ownSamples, shared[start].size))
            if end - start >= minimum {
                candidates.append(shared[start].story)
            } else if end - start + capped.count >= minimum {
                undecided.append((shared[start].story, minimum))
            }
            start = end
        }
        candidates.sort()
        candidates.removeAdjacentDuplicates()
        return Candidates(
            stories: candidates, capped: capped, undecided: undecided, sampleKeys: fingerprint.sampleKeys)
    }

    /// Decides the undecided candidates by how many of the story's sampled shingles each holds,
    /// from its tags: the stock phrases, and the counted ones too (a story does not post a key
    /// its family holds many times already, so the postings may show fewer than it shares).
    /// One whose tags are not known (nil: a story gone, or one whose tags are not stored) is
    /// checked.
    package func settle(_ candidates: inout Candidates, tags: (Int64) throws -> SampleTags?) rethrows {
        guard !candidates.undecided.isEmpty else { return }
        for (story, minimum) in candidates.undecided {
            if let held = try tags(story), held.holdCount(of: candidates.sampleKeys) < minimum { continue }
            candidates.stories.append(story)
        }
        candidates.undecided = []
        candidates.stories.sort()
        candidates.stories.removeAdjacentDuplicates()
    }

    /// The candidates that are the same story as `fingerprint` by the rule, checked exactly
    /// on their shingles. `shingles` gives a candidate's shingles, nil if it no longer exists.
    package func verify(
        _ fingerprint: StoryFingerprint, against candidates: [Int64], shingles: (Int64) throws -> ShingleSet?
    ) rethrows -> [(story: Int64, similarity: Similarity)] {
        var matches: [(story: Int64, similarity: Similarity)] = []
        for candidate in candidates {
            guard let stored = try shingles(candidate) else { continue }
            let similarity = parameters.rule.compare(fingerprint.shingles, stored)
            if similarity.isSameStory { matches.append((candidate, similarity)) }
        }
        return matches
    }

    /// Adds a new story's keys to the candidate tables, but for stock phrases and keys its
    /// cluster (`family`, the stories it matched) already holds many times.
    package func post(
        _ fingerprint: StoryFingerprint, storyID: Int64, skipping capped: Set<Int64>, family: Set<Int64>,
        bands: inout PostingTable, samples: inout PostingTable
    ) {
        func covered(_ key: Int64, in table: PostingTable) -> Bool {
            table.count(of: key) >= parameters.familyPostingLimit
                && table.contains(key) { family.contains($0.story) }
        }
        let shingles = Posting(story: storyID, size: fingerprint.shingles.count)
        for key in fingerprint.bandKeys where !covered(key, in: bands) {
            bands.add(key, shingles)
        }
        let sampled = Posting(story: storyID, size: fingerprint.sampleKeys.count)
        for hash in fingerprint.sampleKeys where !capped.contains(hash) && !covered(hash, in: samples) {
            samples.add(hash, sampled)
        }
    }
}
