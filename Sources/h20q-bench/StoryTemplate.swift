import H20QFixtures

/// The fixed frame of a routine story (results, market closes, rate decisions): the same
/// sentences each time with the figures, names and a few words filled in anew. Stories of one
/// template are related, not the same story.
///
///     template.paragraphs(cast, language: language, &random)
///         -> [["The brelmot of Kelbrand Energy said 4.5 percent ..."], ...] (the fixed runs alike in every story)
struct StoryTemplate: Sendable {
    private enum Part: Sendable {
        case text([UInt8])
        case figure
        case name
        case word
    }

    /// Paragraphs of sentences of parts.
    private let frame: [[[Part]]]

    init(language: WireLanguage, _ random: inout SeededGenerator) {
        frame = (0..<(2 + random.next(below: 2))).map { _ in
            (0..<(1 + random.next(below: 2))).map { _ in
                var parts: [Part] = []
                var words = 0
                let length = 14 + random.next(below: 16)
                while words < length {
                    // Runs of three to nine fixed words between the filled-in slots.
                    let run = 3 + random.next(below: 7)
                    parts.append(.text(language.phrase(words: run, &random)))
                    words += run
                    switch random.next(below: 3) {
                    case 0: parts.append(.figure)
                    case 1: parts.append(.name)
                    default: parts.append(.word)
                    }
                    words += 1
                }
                return parts
            }
        }
    }

    /// The frame filled in for one story.
    func paragraphs(_ cast: Cast, language: WireLanguage, _ random: inout SeededGenerator) -> [[[UInt8]]] {
        frame.map { sentences in
            sentences.map { parts in
                var sentence: [UInt8] = []
                for part in parts {
                    if !sentence.isEmpty { sentence.append(.space) }
                    switch part {
                    case .text(let text): sentence += text
                    case .figure: sentence += language.number(&random)
                    case .name: sentence += language.mention(cast, &random)
                    case .word: sentence += language.word(&random)
                    }
                }
                return (sentence + [.period]).capitalized
            }
        }
    }
}
