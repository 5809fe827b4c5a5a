import H20QFixtures

/// How an outlet republishes a story: as it came, or under its own headline, with its
/// newsletter block pasted into the middle, a paragraph of its own added, the last paragraph
/// cut to fit, or a name spelled its own way.
///
///     Republication.draw(&random).label -> "headline+pasted-block"
struct Republication: Sendable {
    enum Change: String, Sendable {
        case headline
        case pastedBlock = "pasted-block"
        case addedParagraph = "added-paragraph"
        case cutParagraph = "cut-paragraph"
        case spelling
    }

    /// None for an exact copy.
    var changes: [Change]

    static let exactCopy = Republication(changes: [])

    var label: String { changes.isEmpty ? "exact-copy" : changes.map(\.rawValue).joined(separator: "+") }

    /// A fifth exact copies; otherwise a new headline more often than not, and one or two edits.
    static func draw(_ random: inout SeededGenerator) -> Republication {
        guard !random.chance(0.2) else { return .exactCopy }
        var changes: [Change] = random.chance(0.6) ? [.headline] : []
        let edits: [Change] = [.pastedBlock, .addedParagraph, .cutParagraph, .spelling]
        switch random.next(below: 100) {
        case ..<25: changes.append(.pastedBlock)
        case ..<45: changes.append(.addedParagraph)
        case ..<60: changes.append(.cutParagraph)
        case ..<80: changes.append(.spelling)
        default: if changes.isEmpty { changes.append(.headline) }
        }
        if random.chance(0.2), let second = edits.filter({ !changes.contains($0) }).randomElement(using: &random) {
            changes.append(second)
        }
        return Republication(changes: changes)
    }

    /// Makes the changes to `story`; returns them as made (a cut the story is too short for
    /// becomes an added paragraph, a respelling of a story that names no one a new headline).
    func apply(
        to story: inout WireStory, block: [[UInt8]], language: WireLanguage, _ random: inout SeededGenerator
    ) -> Republication {
        var made: [Change] = []
        for change in changes {
            switch change {
            case .cutParagraph
            where story.paragraphs.count >= 3 && 4 * WireStory.words(story.paragraphs.last!) <= story.wordCount:
                story.paragraphs.removeLast()
                made.append(.cutParagraph)
            case .cutParagraph, .addedParagraph:
                guard !made.contains(.addedParagraph) else { continue }
                let added = language.paragraphs(story.cast, words: 30 + random.next(below: 51), &random)
                if random.chance(0.7) {
                    story.paragraphs += added
                } else {
                    story.paragraphs.insert(contentsOf: added, at: min(1, story.paragraphs.count))
                }
                made.append(.addedParagraph)
            case .pastedBlock:
                story.paragraphs.insert(block, at: story.paragraphs.count / 2)
                made.append(.pastedBlock)
            case .spelling:
                let named = story.cast.people.first(where: { person in
                    story.sentences.contains { $0.firstRange(of: person.surname) != nil }
                })
                if let named, story.respell(named.surname, as: PronounceableWord.variant(of: named.surname)) > 0 {
                    made.append(.spelling)
                } else if !made.contains(.headline) {
                    story.headline = language.headline(story.cast, &random)
                    made.append(.headline)
                }
            case .headline:
                story.headline = language.headline(story.cast, &random)
                made.append(.headline)
            }
        }
        return Republication(changes: made)
    }
}
