/// A generated story: a headline and paragraphs of sentences, and who it names.
struct WireStory: Sendable {
    var headline: [UInt8]
    var paragraphs: [[[UInt8]]]
    var cast: Cast

    /// The paragraphs as text: sentences joined by spaces, paragraphs by a blank line.
    var body: [UInt8] {
        var text: [UInt8] = []
        for (number, paragraph) in paragraphs.enumerated() {
            if number > 0 { text += [.lineFeed, .lineFeed] }
            for (position, sentence) in paragraph.enumerated() {
                if position > 0 { text.append(.space) }
                text += sentence
            }
        }
        return text
    }

    var sentences: [[UInt8]] { paragraphs.flatMap { $0 } }

    /// Words of the body, counted by their spaces.
    static func words(_ paragraph: [[UInt8]]) -> Int {
        paragraph.reduce(0) { $0 + 1 + $1.count(where: { $0 == .space }) }
    }

    var wordCount: Int { paragraphs.reduce(0) { $0 + Self.words($1) } }

    /// Every occurrence of `name` spelled `spelling` instead; how many there were.
    mutating func respell(_ name: [UInt8], as spelling: [UInt8]) -> Int {
        var replaced = 0
        func respelled(_ text: [UInt8]) -> [UInt8] {
            guard text.count >= name.count else { return text }
            var result: [UInt8] = []
            var index = 0
            while index < text.count {
                if text[index] == name[0], index + name.count <= text.count,
                    text[index..<(index + name.count)].elementsEqual(name)
                {
                    result += spelling
                    index += name.count
                    replaced += 1
                } else {
                    result.append(text[index])
                    index += 1
                }
            }
            return result
        }
        headline = respelled(headline)
        paragraphs = paragraphs.map { $0.map(respelled) }
        return replaced
    }
}

extension UInt8 {
    static let lineFeed = UInt8(ascii: "\n")
}
