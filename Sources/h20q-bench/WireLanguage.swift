import H20QFixtures

/// The made-up language of a generated corpus: common English words and a Zipf-distributed
/// vocabulary of pronounceable made-up words, names of people, organizations and places, and
/// the sentences, headlines and paragraphs wire copy is written in.
///
///     language.sentence(cast, words: 12, &random) -> such as "Tralmek said the vossin of Kelbrand Energy rose 4.5 percent in the dreal."
struct WireLanguage: Sendable {
    /// Common English words, most frequent first: about 45% of the words of a sentence.
    private static let commonWords = """
        the of to and a in said for on that is was with by it at from as be has its have will an \
        were are but not which this after year would been had they their more percent also who new \
        than or up two over last one about million first government people into could other when \
        there all officials week told some three since billion president state market police \
        minister while before company report years against under those where between during most may \
        because time only country per such no so just can still expected early month day second out \
        any how many public security around four talks group both city former national including \
        added further plans several five economic court spokesman data support
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Array($0.utf8) }

    private static let organizationKinds = [
        "Holdings", "Group", "Bank", "Energy", "Motors", "Airlines", "Telecom", "Mining", "Shipping", "Foods",
        "Pharmaceuticals", "Insurance", "Steel", "Logistics", "Partners", "Capital", "Ministry", "Council",
        "Agency", "Union",
    ].map { Array($0.utf8) }

    private let common: [[UInt8]]
    private let commonRanks: ZipfSampler
    private let words: [[UInt8]]
    private let wordRanks: ZipfSampler
    private let firstNames: [[UInt8]]
    private let surnames: [[UInt8]]
    private let places: [[UInt8]]
    private let organizations: [[UInt8]]

    init(seed: UInt64) {
        var random = SeededGenerator(seed: seed ^ 0x5eed_0f_1a46_0a9e)
        var taken = Set(Self.commonWords)
        func unique(_ make: (inout SeededGenerator) -> [UInt8]) -> [UInt8] {
            while true {
                let word = make(&random)
                if taken.insert(word).inserted { return word }
            }
        }
        common = Self.commonWords
        commonRanks = ZipfSampler(count: common.count, exponent: 1)
        // Frequent words are short, rare ones long, as in any language.
        words = (0..<60_000).map { rank in
            unique {
                PronounceableWord.make(
                    syllables: 1 + (rank > 300 ? 1 : 0) + (rank > 5_000 ? 1 : 0) + $0.next(below: 2), &$0)
            }
        }
        wordRanks = ZipfSampler(count: words.count, exponent: 1.05)
        firstNames = (0..<400).map { _ in unique { PronounceableWord.name(syllables: 2, &$0) } }
        surnames = (0..<30_000).map { _ in unique { PronounceableWord.surname(&$0) } }
        places = (0..<3_000).map { _ in unique { PronounceableWord.name(syllables: 2 + $0.next(below: 2), &$0) } }
        organizations = (0..<8_000).map { _ in
            unique { PronounceableWord.name(syllables: 2 + $0.next(below: 2), &$0) }
                + Array(" ".utf8) + Self.organizationKinds[random.next(below: Self.organizationKinds.count)]
        }
    }

    /// The made-up word of frequency rank `rank` (0 the most frequent).
    func word(rank: Int) -> String { String(decoding: words[rank], as: UTF8.self) }

    /// Who a new story is about.
    func cast(_ random: inout SeededGenerator) -> Cast {
        Cast(
            people: (0..<random.next(below: 4)).map { _ in
                Cast.Person(
                    first: firstNames[random.next(below: firstNames.count)],
                    surname: surnames[random.next(below: surnames.count)])
            },
            organization: organizations[random.next(below: organizations.count)],
            place: places[random.next(below: places.count)])
    }

    /// A word of running text: common or made-up, Zipf-distributed both.
    func word(_ random: inout SeededGenerator) -> [UInt8] {
        random.next(below: 100) < 45 ? common[commonRanks.draw(&random)] : words[wordRanks.draw(&random)]
    }

    /// Words of running text, no names or figures.
    func phrase(words count: Int, _ random: inout SeededGenerator) -> [UInt8] {
        var text: [UInt8] = []
        for position in 0..<count {
            if position > 0 { text.append(.space) }
            text += word(&random)
        }
        return text
    }

    /// A headline of 6 to 13 words, most naming someone or something of the cast.
    func headline(_ cast: Cast, _ random: inout SeededGenerator) -> [UInt8] {
        var text: [UInt8] = []
        if random.chance(0.7) { text += mention(cast, &random) }
        for _ in 0..<(6 + random.next(below: 8)) {
            if !text.isEmpty { text.append(.space) }
            text += random.chance(0.06) ? number(&random) : word(&random)
        }
        return text.capitalized
    }

    /// Paragraphs of one to three sentences, about `count` words in all.
    func paragraphs(_ cast: Cast, words count: Int, _ random: inout SeededGenerator) -> [[[UInt8]]] {
        var paragraphs: [[[UInt8]]] = []
        var written = 0
        while written < count {
            var paragraph: [[UInt8]] = []
            for _ in 0...random.next(below: 3) where written < count {
                let length = max(6, min(count - written, 12 + random.next(below: 19)))
                paragraph.append(sentence(cast, words: length, &random))
                written += length
            }
            paragraphs.append(paragraph)
        }
        return paragraphs
    }

    /// A sentence of `count` words (and a closing attribution): names, figures, commas, quotes.
    func sentence(_ cast: Cast, words count: Int, _ random: inout SeededGenerator) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(count * 7 + 24)
        let speaker = cast.people.isEmpty ? nil : cast.people[random.next(below: cast.people.count)]
        let quoted = speaker != nil && random.chance(0.15)
        if quoted { text.append(.quote) }
        for position in 0..<count {
            if position > 0 { text.append(.space) }
            switch random.next(below: 1000) {
            case ..<40: text += mention(cast, &random)
            case ..<65: text += number(&random)
            default: text += word(&random)
            }
            if position < count - 1, random.chance(0.05) { text.append(.comma) }
        }
        if quoted, let speaker {
            text += Array(",\" ".utf8) + speaker.surname + Array(" said.".utf8)
        } else if let speaker, random.chance(0.1) {
            text += Array(", said ".utf8) + speaker.first + [.space] + speaker.surname + [.period]
        } else {
            text.append(.period)
        }
        return text.capitalized
    }

    /// A figure as wire copy writes them: 12, 4.5 percent, $30 million, 1,250, 2019.
    func number(_ random: inout SeededGenerator) -> [UInt8] {
        switch random.next(below: 5) {
        case 0: return Array("\(1 + random.next(below: 99))".utf8)
        case 1: return Array("\(random.next(below: 20)).\(random.next(below: 10)) percent".utf8)
        case 2: return Array("$\(1 + random.next(below: 900)) \(random.chance(0.7) ? "million" : "billion")".utf8)
        case 3: return Array("\(1 + random.next(below: 99)),\(100 + random.next(below: 900))".utf8)
        default: return Array("\(1990 + random.next(below: 36))".utf8)
        }
    }

    /// Someone or something of the cast, by name.
    func mention(_ cast: Cast, _ random: inout SeededGenerator) -> [UInt8] {
        let roll = random.next(below: 10)
        if roll < 5, !cast.people.isEmpty {
            let person = cast.people[random.next(below: cast.people.count)]
            return random.chance(0.25) ? person.first + [.space] + person.surname : person.surname
        }
        return roll < 8 ? cast.organization : cast.place
    }
}

/// The names a story mentions.
struct Cast: Sendable {
    struct Person: Sendable {
        var first: [UInt8]
        var surname: [UInt8]
    }

    var people: [Person]
    var organization: [UInt8]
    var place: [UInt8]
}

extension SeededGenerator {
    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }
}

extension UInt8 {
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let period = UInt8(ascii: ".")
}

extension Array where Element == UInt8 {
    /// The text with its first letter upper case.
    var capitalized: [UInt8] {
        var text = self
        if let first = text.firstIndex(where: { $0 != .quote }),
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(text[first])
        {
            text[first] -= 32
        }
        return text
    }
}
