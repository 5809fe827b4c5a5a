import Foundation
import H20QDedup
import H20QFixtures

/// A generated wire archive, every story made from its number and the seed alone, so that it
/// streams: a republication makes its original again instead of keeping it.
///
///     let corpus = WireCorpus(count: 1_000_000, seed: 1)
///     corpus.id(of: 17) -> "cp-0000017"; corpus.original(of: 17) -> 13 (a block pasted into rg-0000013)
///
/// Of all stories, 24% republish one of the 1,500 before them (a fifth exact copies; new
/// headlines, pasted blocks, paragraphs added or cut, names respelled), three in ten of those
/// copying a republication rather than the original. Related stories that are not the same
/// story: 6% follow the frame of one of 24 routine-story templates, 6% follow up an earlier
/// story quoting two of its sentences, and a third of the stories end with their outlet's
/// boilerplate. 4% are flashes, a headline alone. Dates run over five years, 2020 to 2024.
struct WireCorpus: Sendable {
    enum Kind: String, Sendable {
        case original, flash, template
        case followUp = "follow-up"
        case republication
    }

    static let sources: [(name: String, code: String)] = [
        ("Harbor Wire", "hw"), ("Atlas News Agency", "ana"), ("Continental Press", "cp"), ("Northern Ledger", "nl"),
        ("Meridian Post", "mp"), ("Coastline Times", "ct"), ("Valley Business Bulletin", "vbb"), ("Chip Desk", "cd"),
        ("Desk Notes", "dn"), ("Eastern Courier", "ec"), ("Summit Daily", "sd"), ("Riverside Gazette", "rg"),
    ]
    /// The first three are wire agencies: most originals are theirs.
    private static let wires = 3
    private static let start = 1_577_836_800  // 2020-01-01T00:00:00Z
    private static let span = 5 * 365 * 86_400
    private static let reach = 1_500

    let count: Int
    private let seed: UInt64
    private let language: WireLanguage
    private let templates: [StoryTemplate]
    /// Each source's boilerplate paragraph and the blocks it pastes into what it republishes.
    private let footers: [[[UInt8]]]
    private let blocks: [[[[UInt8]]]]

    init(count: Int, seed: UInt64) {
        self.count = count
        self.seed = seed
        let language = WireLanguage(seed: seed)
        var random = SeededGenerator(seed: StableHash.mix(seed ^ 0x7e3a_91c4))
        templates = (0..<24).map { _ in StoryTemplate(language: language, &random) }
        let nobody = Cast(people: [], organization: Array("the agency".utf8), place: Array("the region".utf8))
        footers = Self.sources.map { source in
            [
                Array("\(source.name) reports".utf8) + [.space]
                    + language.phrase(words: 20 + random.next(below: 20), &random) + [.period]
            ]
        }
        blocks = Self.sources.map { _ in
            (0..<4).map { _ in language.paragraphs(nobody, words: 60 + random.next(below: 61), &random).flatMap { $0 } }
        }
        self.language = language
    }

    /// The generator of story `number`'s `stream`: its kind and what it refers to (0), its text (1).
    private func random(_ number: Int, _ stream: UInt64) -> SeededGenerator {
        SeededGenerator(seed: StableHash.mix(seed &* 0x9e37_79b9_7f4a_7c15 ^ UInt64(number)) ^ stream << 56)
    }

    func kind(of number: Int) -> Kind {
        guard number > 0 else { return .original }
        var random = random(number, 0)
        switch random.next(below: 100) {
        case ..<24: return .republication
        case ..<30: return .template
        case ..<36: return .followUp
        case ..<40: return .flash
        default: return .original
        }
    }

    /// The earlier story a republication or follow-up refers to, before following chains.
    private func referred(_ number: Int) -> Int {
        var random = random(number, 0)
        _ = random.next()
        return number - 1 - random.next(below: min(number, Self.reach))
    }

    /// Whether a republication copies another republication rather than the original.
    private func copiesCopy(_ number: Int) -> Bool {
        var random = random(number, 0)
        _ = random.next()
        _ = random.next()
        guard random.chance(0.3) else { return false }
        let copied = referred(number)
        return kind(of: copied) == .republication && !copiesCopy(copied)
    }

    /// The story a republication was made from: its original, or a republication of it.
    private func copied(_ number: Int) -> Int {
        copiesCopy(number) ? referred(number) : original(of: referred(number))
    }

    /// The story that `number` republishes, or `number` itself.
    func original(of number: Int) -> Int {
        var current = number
        while kind(of: current) == .republication { current = referred(current) }
        return current
    }

    func source(of number: Int) -> Int {
        var random = random(number, 0)
        for _ in 0..<3 { _ = random.next() }
        if kind(of: number) == .republication {
            return (source(of: copied(number)) + 1 + random.next(below: Self.sources.count - 1)) % Self.sources.count
        }
        return random.chance(0.6) ? random.next(below: Self.wires) : random.next(below: Self.sources.count)
    }

    func id(of number: Int) -> String {
        Self.sources[source(of: number)].code + "-" + String(number).leftPadded(to: 7)
    }

    /// The story's address as an outlet would give it, for an id in the order feeds' ids come
    /// in (by site and section, then at random), not by number:
    ///
    ///     WireCorpus(count: 1_000_000, seed: 1).url(of: 17) -> "https://cp.example/business/99936bc8e60de51a-17"
    func url(of number: Int) -> String {
        var random = random(number, 9)
        let section = Self.sections[random.next(below: Self.sections.count)]
        let hash = String(random.next(), radix: 16).leftPadded(to: 16)
        return "https://\(Self.sources[source(of: number)].code).example/\(section)/\(hash)-\(number)"
    }

    private static let sections = ["world", "business", "markets", "technology", "politics", "energy"]

    /// Seconds since 1970: originals spread over the five years in order, republications 5
    /// minutes to 3 days after what they copy.
    func published(_ number: Int) -> Int {
        var random = random(number, 0)
        for _ in 0..<4 { _ = random.next() }
        if kind(of: number) == .republication {
            return published(copied(number)) + 300 + random.next(below: 3 * 86_400)
        }
        return Self.start + Int(Double(number) / Double(max(count, 1)) * Double(Self.span)) + random.next(below: 3_600)
    }

    /// The story's text, and for a republication what was changed.
    func story(_ number: Int) -> (story: WireStory, how: String) {
        var random = random(number, 1)
        let kind = kind(of: number)
        switch kind {
        case .republication:
            var (story, _) = story(copied(number))
            let republication =
                self.kind(of: original(of: number)) == .flash ? .exactCopy : Republication.draw(&random)
            let pasted = blocks[source(of: number)]
            let made = republication.apply(
                to: &story, block: pasted[random.next(below: pasted.count)], language: language, &random)
            return (story, made.label)
        case .flash:
            let cast = language.cast(&random)
            return (WireStory(headline: language.headline(cast, &random), paragraphs: [], cast: cast), kind.rawValue)
        case .original, .template, .followUp:
            var cast = language.cast(&random)
            var quoted: [[UInt8]] = []
            if kind == .followUp {
                let earlier = original(of: referred(number))
                let (quotedStory, _) = story(earlier)
                let sentences = quotedStory.sentences
                if sentences.count >= 2 {
                    cast = quotedStory.cast
                    let first = random.next(below: sentences.count - 1)
                    quoted = Array(sentences[first...(first + 1)])
                }
            }
            let length = kind == .followUp ? 150 + random.next(below: 351) : 100 + Int(600 * pow(random.unit(), 1.6))
            var paragraphs: [[[UInt8]]] = []
            if kind == .template {
                let template = templates[random.next(below: templates.count)]
                paragraphs = template.paragraphs(cast, language: language, &random)
            }
            paragraphs += language.paragraphs(
                cast, words: max(40, length - paragraphs.reduce(0) { $0 + WireStory.words($1) }), &random)
            if !quoted.isEmpty { paragraphs.insert(quoted, at: 1) }
            if random.chance(0.33) { paragraphs.append(footers[source(of: number)]) }
            return (
                WireStory(headline: language.headline(cast, &random), paragraphs: paragraphs, cast: cast), kind.rawValue
            )
        }
    }
}

extension SeededGenerator {
    /// A number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
