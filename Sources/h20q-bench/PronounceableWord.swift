import H20QFixtures

/// Made-up words that read like words: syllables of an onset, a vowel and a coda.
///
///     PronounceableWord.make(syllables: 2, &random) -> a word such as "brelmot"
///     PronounceableWord.surname(&random) -> a name such as "Kostrenko"
///     PronounceableWord.variant(of: "Kostrenko") -> "Kostrienko" (the first transliteration that applies)
enum PronounceableWord {
    private static let onsets = [
        "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "cr", "dr",
        "fr", "gr", "pr", "tr", "bl", "cl", "fl", "gl", "pl", "sl", "ch", "sh", "th", "st", "sk", "sp", "sw",
    ].map { Array($0.utf8) }
    private static let vowels = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ea", "ee", "oo", "ou", "ie", "y"]
        .map { Array($0.utf8) }
    private static let codas = [
        "", "", "", "n", "r", "l", "s", "t", "m", "nd", "nt", "st", "rk", "ck", "ng", "x", "ll",
    ]
    .map { Array($0.utf8) }
    private static let surnameEndings = ["", "", "", "enko", "ov", "sen", "ini", "ez", "berg", "ski", "ides", "son"]
        .map { Array($0.utf8) }

    static func make(syllables: Int, _ random: inout SeededGenerator) -> [UInt8] {
        var word: [UInt8] = []
        for syllable in 0..<syllables {
            if syllable > 0 || random.chance(0.8) { word += onsets[random.next(below: onsets.count)] }
            word += vowels[random.next(below: vowels.count)]
            word += codas[random.next(below: codas.count)]
        }
        return word
    }

    static func name(syllables: Int, _ random: inout SeededGenerator) -> [UInt8] {
        make(syllables: syllables, &random).capitalized
    }

    static func surname(_ random: inout SeededGenerator) -> [UInt8] {
        (make(syllables: 1 + random.next(below: 2), &random) + surnameEndings[random.next(below: surnameEndings.count)])
            .capitalized
    }

    /// Transliterations a name is spelled in, tried in order: the first that applies is taken.
    private static let spellings: [(from: [UInt8], to: [UInt8])] = [
        ("y", "i"), ("ie", "y"), ("ck", "k"), ("ou", "u"), ("ee", "i"), ("sh", "sch"), ("ch", "tch"), ("ai", "ay"),
        ("enko", "ienko"), ("ov", "off"), ("ski", "sky"), ("sen", "ssen"), ("k", "kh"), ("c", "k"), ("i", "y"),
        ("e", "ae"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// The name spelled another way, as another outlet transliterates it.
    static func variant(of name: [UInt8]) -> [UInt8] {
        for (from, to) in spellings {
            // Never at the first letter: a variant keeps the initial.
            guard name.count > from.count else { continue }
            for start in 1...(name.count - from.count) where name[start..<(start + from.count)].elementsEqual(from) {
                return Array(name[..<start]) + to + Array(name[(start + from.count)...])
            }
        }
        return name + Array("h".utf8)
    }
}
