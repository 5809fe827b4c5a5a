/// A republication compared with its canonical story word by word: the title and body diffs,
/// and what they come to in words people use.
///
///     StoryComparison(canonical: ("Aid", "One.\n\nTwo."), member: ("Aid", "One.\n\nTwo.\n\nThree."))
///         .differences.changes -> ["+1 paragraph at the end"]
package struct StoryComparison: Sendable {
    package var canonicalTitle: DiffText
    package var memberTitle: DiffText
    package var canonicalBody: DiffText
    package var memberBody: DiffText
    package var titleRuns: [WordDiff.Run]
    package var bodyRuns: [WordDiff.Run]

    package init(canonical: (title: String, body: String), member: (title: String, body: String)) {
        canonicalTitle = DiffText(canonical.title)
        memberTitle = DiffText(member.title)
        canonicalBody = DiffText(canonical.body)
        memberBody = DiffText(member.body)
        titleRuns = WordDiff.runs(canonicalTitle.keys, memberTitle.keys)
        bodyRuns = WordDiff.runs(canonicalBody.keys, memberBody.keys)
    }

    package var differences: StoryDifferences {
        var changes: [String] = []
        if canonicalTitle.keys != memberTitle.keys { changes.append("headline changed") }
        var spellings: [String] = []
        var spellingCounts: [String: Int] = [:]
        for hunk in hunks {
            if let spelling = spelling(hunk) {
                if spellingCounts[spelling] == nil {
                    spellings.append(spelling)
                    changes.append(spelling)
                }
                spellingCounts[spelling, default: 0] += 1
            } else {
                changes.append(describe(hunk))
            }
        }
        // The same respelling throughout is one change: "spelling: Zelensky→Zelenskiy (3 times)".
        changes = changes.map { change in
            guard let count = spellingCounts[change], count > 1 else { return change }
            return "\(change) (\(count) times)"
        }
        if changes.isEmpty { changes = ["same words"] }
        let added = (titleRuns + bodyRuns).filter { $0.kind == .insert }.reduce(0) { $0 + $1.count }
        let removed = (titleRuns + bodyRuns).filter { $0.kind == .delete }.reduce(0) { $0 + $1.count }
        return StoryDifferences(changes: changes, wordsAdded: added, wordsRemoved: removed)
    }

    /// A change in the body: `deleted` words of the canonical story from `at`, replaced by
    /// `inserted` words of the member from `into`.
    struct Hunk {
        var at: Int
        var deleted: Int
        var into: Int
        var inserted: Int
    }

    var hunks: [Hunk] {
        var result: [Hunk] = []
        var a = 0
        var b = 0
        for run in bodyRuns {
            switch run.kind {
            case .equal:
                a += run.count
                b += run.count
            case .delete:
                result.append(Hunk(at: a, deleted: run.count, into: b, inserted: 0))
                a += run.count
            case .insert:
                if let last = result.last, last.at + last.deleted == a, last.inserted == 0, last.into == b {
                    result[result.count - 1].inserted = run.count
                } else {
                    result.append(Hunk(at: a, deleted: 0, into: b, inserted: run.count))
                }
                b += run.count
            }
        }
        return result
    }

    /// `spelling: Zelensky→Zelenskiy` when one word became a word spelled nearly the same.
    private func spelling(_ hunk: Hunk) -> String? {
        guard hunk.deleted == 1, hunk.inserted == 1 else { return nil }
        let old = canonicalBody.keys[hunk.at]
        let new = memberBody.keys[hunk.into]
        let distance = Self.editDistance(Array(old), Array(new))
        guard distance <= max(1, min(old.count, new.count) / 3) else { return nil }
        return "spelling: \(Self.bare(canonicalBody.words[hunk.at]))→\(Self.bare(memberBody.words[hunk.into]))"
    }

    private func describe(_ hunk: Hunk) -> String {
        if hunk.deleted == 0 {
            return Self.describe(
                added: true, count: hunk.inserted, in: memberBody, from: hunk.into, otherAt: hunk.at,
                other: canonicalBody)
        }
        if hunk.inserted == 0 {
            return Self.describe(
                added: false, count: hunk.deleted, in: canonicalBody, from: hunk.at, otherAt: hunk.at,
                other: canonicalBody)
        }
        let paragraph = canonicalBody.paragraphs[hunk.at] + 1
        return "\(Self.words(hunk.deleted)) replaced by \(hunk.inserted) in paragraph \(paragraph)"
    }

    /// An insertion (`added`, words of the member) or a deletion (words of the canonical story).
    /// `otherAt` is where it falls in the canonical story's words.
    private static func describe(
        added: Bool, count: Int, in text: DiffText, from start: Int, otherAt: Int, other canonical: DiffText
    ) -> String {
        let end = start + count
        let whole =
            (start == 0 || text.paragraphs[start - 1] != text.paragraphs[start])
            && (end == text.count || text.paragraphs[end - 1] != text.paragraphs[end])
        let paragraphs = text.paragraphs[end - 1] - text.paragraphs[start] + 1
        let sign = added ? "+" : "-"
        let atEnd = added ? otherAt == canonical.count : end == text.count
        let atStart = added ? otherAt == 0 : start == 0
        if whole && atEnd { return "\(sign)\(Self.paragraphs(paragraphs)) at the end" }
        if whole && atStart { return "\(sign)\(Self.paragraphs(paragraphs)) at the start" }
        if atEnd { return "\(sign)\(Self.words(count)) at the end" }
        if atStart { return "\(sign)\(Self.words(count)) at the start" }
        if added {
            let before = canonical.paragraphs[otherAt - 1] + 1
            return whole
                ? "\(Self.words(count)) inserted after paragraph \(before)"
                : "\(Self.words(count)) inserted in paragraph \(before)"
        }
        let first = text.paragraphs[start] + 1
        if whole {
            return paragraphs == 1
                ? "paragraph \(first) removed" : "paragraphs \(first)–\(first + paragraphs - 1) removed"
        }
        return "\(Self.words(count)) removed from paragraph \(first)"
    }

    private static func words(_ count: Int) -> String { count == 1 ? "1 word" : "\(count) words" }

    private static func paragraphs(_ count: Int) -> String { count == 1 ? "1 paragraph" : "\(count) paragraphs" }

    /// A word without the punctuation around it: `"Zelensky,"` -> `Zelensky`.
    private static func bare(_ word: String) -> String {
        let isWordCharacter = { (character: Character) in character.isLetter || character.isNumber }
        guard let first = word.firstIndex(where: isWordCharacter), let last = word.lastIndex(where: isWordCharacter)
        else { return word }
        return String(word[first...last])
    }

    /// Levenshtein distance, for single words.
    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
